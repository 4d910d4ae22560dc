# ruff: noqa: E501  (a reviewed word list: one need per block reads best)
"""The reviewed starting list of need words: what parents type in the site languages
(en, fr, ar, tr, uk) for the common needs, mapped to the Dutch catalogue's words or a life
domain. Coordinators edit it in the admin (Aanbod → words of needs); a word they changed or
removed is not put back (get_or_create by language and word only when loading).

A word ending in * accepts any ending (Ukrainian and Turkish inflect heavily). Words are
stored as search compares them (aanbod.search.text.search_key: lower case, Latin accents off,
Arabic folded: no short vowels, one alef, the article "ال" off).
"""

from django.db import migrations

# (catalogue words separated by commas, life domain or "", {language: [words]})
NEEDS = [
    ("babymassage", "", {
        "en": ["baby massage", "infant massage"],
        "fr": ["massage bébé", "massage pour bébé", "massage des bébés"],
        "ar": ["تدليك", "تدليك الرضع", "مساج", "مساج الرضع"],
        "tr": ["masaj*", "bebek masajı"],
        "uk": ["масаж*"],
    }),
    ("baby", "", {
        "en": ["infant*", "newborn*"],
        "fr": ["bébé*", "nourrisson*", "nouveau né"],
        "ar": ["رضيع", "الرضع", "مولود*", "طفل رضيع"],
        "tr": ["bebek*", "bebeğ*"],
        "uk": ["немовл*", "новонароджен*"],
    }),
    ("kinderopvang, kinderdagverblijf, onthaalouder", "childcare", {
        "en": ["childcare", "child care", "daycare", "day care", "nursery"],
        "fr": ["crèche*", "garderie*", "garde d'enfants", "garde enfant*", "accueillante*", "nounou*"],
        "ar": ["حضانة", "حضانات", "رعاية الأطفال", "دار حضانة"],
        "tr": ["kreş*", "çocuk bakımı", "yuva*"],
        "uk": ["ясла", "ясел", "яслах", "дитсад*", "садоч*", "садок", "дитячий садок", "догляд за дитиною"],
    }),
    ("huiswerk, huiswerkbegeleiding", "", {
        "en": ["homework*", "tutoring", "tutor*", "study help"],
        "fr": ["devoirs", "aide aux devoirs", "soutien scolaire", "cours particuliers"],
        "ar": ["واجبات", "الواجبات المدرسية", "واجب مدرسي", "دروس خصوصية", "دروس تقوية"],
        "tr": ["ödev*", "etüt*"],
        "uk": ["домашн* завдан*", "домашк*", "репетитор*"],
    }),
    ("luiers, pamperbank", "", {
        "en": ["nappy", "nappies", "diaper*"],
        "fr": ["couche*", "couches bébé"],
        "ar": ["حفاض*", "الحفاضات", "بامبرز"],
        "tr": ["bez", "bezi", "bebek bezi", "çocuk bezi"],
        "uk": ["підгуз*", "памперс*"],
    }),
    ("schulden, budget, geldzorgen", "money", {
        "en": ["debt*", "money", "money problems", "money worries", "financial*", "bills"],
        "fr": ["dette*", "argent", "problèmes d'argent", "endett*", "factures", "financ*"],
        "ar": ["ديون", "مال", "مالية", "مشاكل مالية", "فلوس", "نقود"],
        "tr": ["borç*", "para", "para sorunu", "para sorunları", "maddi"],
        "uk": ["борг*", "гроші", "грош*", "фінанс*"],
    }),
    ("zwanger, zwangerschap", "", {
        "en": ["pregnan*", "expecting a baby"],
        "fr": ["enceinte", "grossesse*"],
        "ar": ["حامل", "حمل", "الحمل"],
        "tr": ["hamile*", "gebe*"],
        "uk": ["вагітн*"],
    }),
    ("bevalling, geboorte", "", {
        "en": ["birth", "childbirth", "giving birth", "labour", "delivery"],
        "fr": ["accouchement", "accoucher", "naissance"],
        "ar": ["ولادة", "الولادة"],
        "tr": ["doğum*"],
        "uk": ["пологи", "полог*", "народжен*"],
    }),
    ("vroedvrouw", "", {
        "en": ["midwife", "midwives"],
        "fr": ["sage femme", "sages femmes"],
        "ar": ["قابلة", "القابلة", "داية"],
        "tr": ["ebe", "ebeler"],
        "uk": ["акушер*"],
    }),
    ("borstvoeding", "", {
        "en": ["breastfeed*", "breast feeding", "breast milk"],
        "fr": ["allait*"],
        "ar": ["رضاعة", "الرضاعة الطبيعية", "رضاعة طبيعية"],
        "tr": ["emzir*", "anne sütü"],
        "uk": ["грудн* вигодовуван*", "годуван* груддю", "грудне молоко"],
    }),
    ("vaccinatie, inenting, consultatiebureau", "", {
        "en": ["vaccin*", "immunis*", "immuniz*", "jab", "jabs"],
        "fr": ["vaccin*", "piqûre*"],
        "ar": ["تطعيم*", "لقاح*", "تلقيح"],
        "tr": ["aşı*"],
        "uk": ["щеплен*", "вакцин*"],
    }),
    ("tieners, pubers", "", {
        "en": ["teen*", "adolescen*", "puberty"],
        "fr": ["ado", "ados", "adolescen*", "puberté"],
        "ar": ["مراهق*", "المراهقين", "المراهقة"],
        "tr": ["ergen*", "genç*"],
        "uk": ["підлітк*", "підліток", "пубертат*"],
    }),
    ("opvoeding, opvoeden", "parenting", {
        "en": ["parenting", "raising children", "upbringing", "behaviour", "behavior", "tantrum*"],
        "fr": ["éducation des enfants", "parentalité", "éduquer", "comportement", "colère*"],
        "ar": ["تربية", "تربية الأطفال", "سلوك"],
        "tr": ["ebeveyn*", "çocuk yetiştir*", "terbiye", "davranış*"],
        "uk": ["вихован*", "виховат*", "поведінк*", "істерик*"],
    }),
    ("peuterspeelpunt, speelgroep, speelcafe", "", {
        "en": ["playgroup*", "play group*", "toddler group*", "toddler*"],
        "fr": ["groupe de jeu", "halte garderie", "bambin*", "tout petit*"],
        "ar": ["لعب", "مجموعة لعب", "أطفال صغار"],
        "tr": ["oyun grubu", "oyun", "oyna*", "küçük çocuk*"],
        "uk": ["ігров* груп*", "погратися", "малюк*"],
    }),
    ("ontwikkelingsachterstand, meertalig, consultatiebureau", "", {
        "en": ["speech", "speech delay", "talking", "language development"],
        "fr": ["parole", "langage", "orthophon*"],
        "ar": ["نطق", "كلام", "تأخر الكلام"],
        "tr": ["konuşma*", "dil gelişimi"],
        "uk": ["мовлен*", "логопед*"],
    }),
    ("slapen, slaap", "", {
        "en": ["sleep*"],
        "fr": ["sommeil", "dormir", "dort"],
        "ar": ["نوم", "ينام", "تنام", "ينامون"],
        "tr": ["uyku*", "uyumuyor"],
        "uk": ["сон", "сну", "спат*", "спить"],
    }),
    ("pesten", "", {
        "en": ["bully*", "bullied"],
        "fr": ["harcèlement", "harcel*"],
        "ar": ["تنمر*"],
        "tr": ["zorbal*", "akran zorbal*"],
        "uk": ["булінг*", "цькуван*"],
    }),
    ("spelotheek, speelgoed", "", {
        "en": ["toy*", "toy library"],
        "fr": ["jouet*", "ludothèque*"],
        "ar": ["ألعاب", "العاب", "لعب أطفال"],
        "tr": ["oyuncak*"],
        "uk": ["іграшк*"],
    }),
    ("nederlands", "language", {
        "en": ["dutch", "learn dutch", "dutch lessons", "dutch class*"],
        "fr": ["néerlandais", "cours de néerlandais", "apprendre le néerlandais"],
        "ar": ["الهولندية", "اللغة الهولندية", "هولندي"],
        "tr": ["hollandaca", "felemenkçe", "flamanca"],
        "uk": ["нідерландськ*", "голландськ*"],
    }),
    ("groeipakket, kinderbijslag", "", {
        "en": ["child benefit*", "family allowance*"],
        "fr": ["allocation* familiale*"],
        "ar": ["مخصصات", "مخصصات الأطفال", "منحة الأطفال"],
        "tr": ["çocuk parası", "çocuk yardımı"],
        "uk": ["дитяч* виплат*", "виплат*"],
    }),
    ("consultatiebureau", "health", {
        "en": ["doctor", "paediatrician", "pediatrician", "child health"],
        "fr": ["médecin*", "pédiatre*", "docteur"],
        "ar": ["طبيب*", "دكتور", "طبيب أطفال"],
        "tr": ["doktor*", "çocuk doktoru"],
        "uk": ["лікар*", "педіатр*"],
    }),
    ("woonloket, sociale woning", "housing", {
        "en": ["housing", "house", "rent*", "landlord"],
        "fr": ["logement*", "loyer*", "propriétaire"],
        "ar": ["سكن", "بيت", "شقة", "إيجار"],
        "tr": ["ev", "konut", "kira*"],
        "uk": ["житл*", "квартир*", "оренд*"],
    }),
    ("werk zoeken, jobcoach", "work", {
        "en": ["work", "employment", "find a job"],
        "fr": ["emploi", "travail", "chercher du travail"],
        "ar": ["عمل", "وظيفة", "شغل"],
        "tr": ["iş arıyorum", "çalışma", "iş bulmak"],
        "uk": ["робот*", "працевлаштуван*"],
    }),
    ("voedselbank, sociale kruidenier", "", {
        "en": ["food*", "food bank"],
        "fr": ["banque alimentaire", "nourriture", "colis alimentaire*"],
        "ar": ["طعام", "غذاء", "بنك الطعام"],
        "tr": ["gıda*", "yiyecek*"],
        "uk": ["їж*", "продукт*", "харчов*"],
    }),
    ("eten, voeding", "", {
        "en": ["eating", "picky eater*"],
        "fr": ["alimentation", "manger"],
        "ar": ["أكل", "تغذية"],
        "tr": ["beslenme", "yemek"],
        "uk": ["харчуван*", "годуван*"],
    }),
    ("psycholoog", "mental_wellbeing", {
        "en": ["psychologist*", "stress*", "anxiety", "depress*", "mental health"],
        "fr": ["psychologue*", "stress*", "anxiété", "dépress*", "déprim*"],
        "ar": ["نفسي", "أخصائي نفسي", "قلق", "اكتئاب", "ضغط نفسي"],
        "tr": ["psikolog*", "stres*", "kaygı", "depresyon"],
        "uk": ["психолог*", "стрес*", "тривог*", "депрес*"],
    }),
    ("geweld thuis", "safety", {
        "en": ["domestic violence", "violence", "abuse"],
        "fr": ["violence*", "violences conjugales"],
        "ar": ["عنف", "عنف أسري"],
        "tr": ["şiddet*", "aile içi şiddet"],
        "uk": ["насильств*", "насилля"],
    }),
    ("tandarts, tanden", "", {
        "en": ["teeth", "tooth"],
        "fr": ["dentiste*", "dents"],
        "ar": ["أسنان", "طبيب أسنان"],
        "tr": ["diş", "diş hekimi", "dişçi"],
        "uk": ["зуб*", "стоматолог*"],
    }),
    ("kleding, ruilwinkel, tweedehands", "", {
        "en": ["clothes", "clothing", "second hand"],
        "fr": ["vêtement*", "habits"],
        "ar": ["ملابس"],
        "tr": ["kıyafet*", "giysi*"],
        "uk": ["одяг*"],
    }),
    ("babysit, oppas", "", {
        "en": ["babysitter*", "baby sitter*"],
        "fr": ["baby sitting", "baby sitter", "garde le soir"],
        "ar": ["جليسة أطفال", "مربية"],
        "tr": ["bakıcı*"],
        "uk": ["нян*"],
    }),
    ("zwemmen, zwemles", "", {
        "en": ["swim*"],
        "fr": ["natation", "nager", "piscine"],
        "ar": ["سباحة"],
        "tr": ["yüzme*"],
        "uk": ["плаван*", "басейн*"],
    }),
    ("voorlezen, boeken", "", {
        "en": ["reading", "books", "read aloud", "stories"],
        "fr": ["lecture", "livre*", "histoires"],
        "ar": ["قراءة", "كتب", "قصص"],
        "tr": ["kitap*", "okuma"],
        "uk": ["читан*", "книж*", "книг*"],
    }),
    ("nieuwkomers", "language", {
        "en": ["refugee*", "newcomer*", "asylum"],
        "fr": ["réfugié*", "primo arrivant*", "nouveaux arrivants"],
        "ar": ["لاجئ*", "لجوء"],
        "tr": ["mülteci*", "göçmen*"],
        "uk": ["біженц*", "біженк*", "переселен*", "українц*"],
    }),
    ("alleenstaande ouders, eenoudergezin", "", {
        "en": ["single parent*", "single mum", "single mom", "single dad"],
        "fr": ["parent seul", "famille monoparentale", "monoparental*"],
        "ar": ["أم عزباء", "أم وحيدة", "أب وحيد"],
        "tr": ["tek ebeveyn*", "yalnız anne"],
        "uk": ["одинок*"],
    }),
    ("zindelijk", "", {
        "en": ["potty*", "toilet training"],
        "fr": ["propreté", "pot"],
        "ar": ["نونية", "الحمام"],
        "tr": ["tuvalet eğitimi", "lazımlık"],
        "uk": ["горщик*"],
    }),
    ("scheiding", "", {
        "en": ["divorce*", "separation", "separated"],
        "fr": ["divorce*", "séparation"],
        "ar": ["طلاق", "انفصال"],
        "tr": ["boşan*"],
        "uk": ["розлучен*"],
    }),
    ("school, inschrijven", "education", {
        "en": ["enrol*", "register for school"],
        "fr": ["école*", "inscription scolaire"],
        "ar": ["مدرسة", "مدارس", "المدرسة"],
        "tr": ["okul*"],
        "uk": ["школ*"],
    }),
    ("vakantie, kamp, speelplein", "leisure", {
        "en": ["holiday*", "summer camp", "camp*"],
        "fr": ["vacances", "stage*", "plaine de jeux"],
        "ar": ["عطلة", "مخيم*"],
        "tr": ["tatil*", "kamp*"],
        "uk": ["канікул*", "табір", "табор*"],
    }),
    ("grootouders", "", {
        "en": ["grandparent*", "grandma", "grandpa"],
        "fr": ["grands parents", "grand mère", "grand père"],
        "ar": ["أجداد", "جدة"],
        "tr": ["büyükanne*", "dede", "nine"],
        "uk": ["бабус*", "дідус*"],
    }),
    ("papa, vaders", "", {
        "en": ["dad*", "father*"],
        "fr": ["père*"],
        "ar": ["آباء", "أب"],
        "tr": ["baba*"],
        "uk": ["тат*"],
    }),
    ("mama, moeders", "", {
        "en": ["mum", "mums", "mom", "moms", "mother*"],
        "fr": ["maman*", "mère*"],
        "ar": ["أمهات", "ماما"],
        "tr": ["anne*"],
        "uk": ["мам*"],
    }),
    ("beperking", "", {
        "en": ["disabilit*", "disabled", "autism", "special needs"],
        "fr": ["handicap*", "autisme"],
        "ar": ["إعاقة", "توحد"],
        "tr": ["engelli*", "otizm"],
        "uk": ["інвалідн*", "аутизм*"],
    }),
]


def _key(word: str) -> str:
    from aanbod.search.text import search_key

    return " ".join(search_key(part) + ("*" if part.endswith("*") else "") for part in word.split())


def load(apps, schema_editor):
    NeedWord = apps.get_model("aanbod", "NeedWord")
    for terms, domain, by_language in NEEDS:
        for language, words in by_language.items():
            for word in words:
                NeedWord.objects.get_or_create(
                    language=language,
                    word=_key(word),
                    defaults={"catalogue_terms": terms, "life_domain": domain},
                )


class Migration(migrations.Migration):
    dependencies = [("aanbod", "0004_need_words")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
