# ruff: noqa: E501  (data tables: one row per line reads best)
"""Demo offers: teenagers, sport and culture, safety, specific groups — written compactly."""

from partners.choices import Pillar

from .spec import (
    APPOINTMENT,
    FREE,
    FRI,
    MON,
    PAID,
    REGISTRATION,
    SAT,
    SUN,
    THU,
    TUE,
    WALK_IN,
    WED,
    D,
    T,
    offer,
    years,
)  # fmt: skip

H, M, P = Pillar.HEALTH, Pillar.MEETING, Pillar.PARENTING
HVHK, BERK, LIND = "huis-van-het-kind-wilgendaal", "jeugdlokaal-berkhove", "groeiplek-lindenaken"

# (slug, title, summary, organisation, keywords, domains, pillars, access, ages or None,
#  cost, weekly [(location, weekday, from, until)], events [(days, from, until, location)],
#  extra fields)
COMPACT = [
    ("jeugdhuis-tienerwerking", "Tienerwerking", "Elke vrijdagavond chillen, gamen en activiteiten voor tieners.", "jeugddienst-berkhove", "tieners, jeugdhuis, jongeren, vrije tijd", [D.LEISURE, D.MEETING], [M], WALK_IN, years(12, 16), FREE, [(BERK, FRI, "19:00", "22:00")], [], {"targets": [T.YOUNG_PEOPLE]}),
    ("blokbegeleiding", "Blokbegeleiding voor jongeren", "Rustig studeren tijdens de examens, met hulp bij plannen.", "bib-wilgendaal", "examens, blokken, studeren, plannen, middelbaar", [D.EDUCATION], [M], WALK_IN, years(12, 20), FREE, [], [(days, "09:00", "17:00", "bib-wilgendaal") for days in (12, 13, 14, 15, 16)], {"targets": [T.YOUNG_PEOPLE]}),
    ("studentenjob-info", "Infomoment studentenjob", "Alles over je eerste studentenjob: contract, loon en kinderbijslag.", "sociaal-huis-wilgendaal", "studentenjob, werk, jongeren, job", [D.WORK, D.MONEY], [P], WALK_IN, years(15, 25), FREE, [], [(50, "14:00", "16:00", "sociaal-huis-wilgendaal")], {"targets": [T.YOUNG_PEOPLE]}),
    ("zwemles-kleuters", "Zwemles voor kleuters", "Watergewenning en eerste zwemslagen voor kleuters.", "sportclub-de-sprinters", "zwemmen, zwemles, watergewenning, sport", [D.LEISURE, D.HEALTH], [M], REGISTRATION, years(4, 7), PAID, [(BERK, WED, "16:30", "17:15")], [], {"price": "€ 45 per reeks", "kansentarief": True}),
    ("babyzwemmen", "Babyzwemmen", "Samen met je baby genieten in warm water.", "sportclub-de-sprinters", "zwemmen, baby, water", [D.LEISURE, D.MEETING], [M], REGISTRATION, (4, 36), PAID, [(BERK, SUN, "09:30", "10:15")], [], {"price": "€ 6 per keer", "kansentarief": True}),
    ("muziek-op-schoot", "Muziek op schoot", "Zingen, dansen en muziek maken met je baby of peuter.", "bib-lindenaken", "muziek, zingen, liedjes, baby, peuter", [D.LEISURE, D.MEETING], [M], REGISTRATION, (6, 48), FREE, [(LIND, SAT, "10:00", "10:45")], [], {}),
    ("kleuterdans", "Kleuterdans", "Dansen op muziek en bewegen voor kleuters.", "sportclub-de-sprinters", "dans, dansen, bewegen, kleuters", [D.LEISURE], [M], REGISTRATION, years(3, 6), PAID, [(HVHK, WED, "14:00", "15:00")], [], {"price": "€ 30 per trimester", "kansentarief": True}),
    ("gezinswandeling-natuur", "Natuurwandeling voor gezinnen", "Met een gids op ontdekking in het bos: diertjes zoeken en spelen.", "gemeente-wilgendaal", "natuur, wandelen, bos, buiten", [D.LEISURE, D.HEALTH], [M], WALK_IN, None, FREE, [], [(19, "14:00", "16:00", BERK), (47, "14:00", "16:00", LIND)], {}),
    ("kunstendag-kinderen", "Kunstendag voor kinderen", "Workshops theater, dans en tekenen voor kinderen en hun ouders.", "bib-wilgendaal", "kunst, kinderkunstendag, workshop, theater, tekenen", [D.LEISURE, D.EDUCATION], [M], WALK_IN, years(3, 12), FREE, [], [(52, "13:00", "17:00", "bib-wilgendaal")], {}),
    ("repair-cafe-speelgoed", "Repair café voor speelgoed", "Breng kapot speelgoed mee; vrijwilligers helpen het te herstellen.", "welzijnsschakel-de-brug", "herstellen, speelgoed, repair, kapot", [D.MONEY, D.MEETING], [M], WALK_IN, None, FREE, [], [(26, "13:00", "16:00", LIND), (61, "13:00", "16:00", LIND)], {}),
    ("fietsles-kinderen", "Leren fietsen", "Je kind leert veilig fietsen in drie lessen.", "jeugddienst-berkhove", "fietsen, fietsles, verkeer, veiligheid", [D.SAFETY, D.LEISURE], [M], REGISTRATION, years(4, 10), FREE, [], [(days, "10:00", "11:30", BERK) for days in (31, 38, 45)], {}),
    ("veilig-slapen-baby", "Infomoment veilig slapen voor baby's", "Hoe laat je je baby veilig slapen? Uitleg en tips.", "kind-en-gezin-scheldevallei", "wiegendood, slapen, baby, veiligheid, slaapzak", [D.SAFETY, D.HEALTH], [H], WALK_IN, (-6, 12), FREE, [], [(17, "10:00", "11:00", "consultatiebureau-ter-heide")], {}),
    ("pesten-spreekuur", "Spreekuur pesten", "Wordt je kind gepest, of pest het zelf? Praat erover met het CLB.", "clb-scheldevallei", "pesten, cyberpesten, school, veiligheid", [D.SAFETY, D.EDUCATION, D.MENTAL_WELLBEING], [P], APPOINTMENT, years(6, 18), FREE, [("clb-wilgendaal", TUE, "13:00", "16:30")], [], {}),
    ("online-veilig", "Ouderavond: veilig online", "Wat doen tieners online en hoe help je hen veilig te blijven?", "clb-scheldevallei", "internet, sociale media, online, gsm, veiligheid, tieners", [D.SAFETY, D.PARENTING], [P], REGISTRATION, years(10, 18), FREE, [], [(39, "19:30", "21:30", "bib-lindenaken")], {}),
    ("alleenstaande-ouders", "Ontmoeting voor alleenstaande ouders", "Sta je er alleen voor? Deel ervaringen met andere ouders.", "gezinsbond-wilgendaal", "alleenstaand, single, eenoudergezin, ouder alleen", [D.MEETING, D.MENTAL_WELLBEING], [M], WALK_IN, None, FREE, [(HVHK, SAT, "14:00", "16:00")], [], {}),
    ("ouders-kind-beperking", "Ouders van een kind met een beperking", "Ontmoet ouders die hetzelfde meemaken, met info over hulp.", "gezinsbond-wilgendaal", "beperking, handicap, autisme, ontwikkelingsachterstand, zorgen", [D.MEETING, D.HEALTH], [M], WALK_IN, years(0, 18), FREE, [(HVHK, THU, "19:30", "21:30")], [], {}),
    ("meertalig-opvoeden", "Infoavond: meertalig opvoeden", "Spreek je thuis een andere taal? Zo groeit je kind goed op met twee talen.", "opvoedingswinkel-scheldevallei", "meertalig, thuistaal, tweetalig, taal", [D.LANGUAGE, D.PARENTING], [P], REGISTRATION, years(0, 12), FREE, [], [(34, "19:00", "21:00", LIND)], {"languages": ["nl", "ar", "tr", "uk", "fr"]}),
    ("nederlands-met-opvang", "Nederlandse les met kinderopvang", "Leer Nederlands terwijl je kinderen in de opvang spelen.", "bib-lindenaken", "nederlands leren, taalles, opvang, inburgering", [D.LANGUAGE, D.CHILDCARE], [M], REGISTRATION, None, FREE, [(LIND, TUE, "09:00", "12:00"), (LIND, THU, "09:00", "12:00")], [], {"targets": [T.NEWCOMERS], "languages": ["nl", "ar", "uk"]}),
    ("onthaal-nieuwkomers", "Onthaal voor nieuwkomers", "Nieuw in de gemeente? We helpen je op weg met school, dokter en opvang.", "sociaal-huis-lindenaken", "nieuwkomers, inburgering, migratie, oekraine, vluchtelingen", [D.LANGUAGE, D.HOUSING, D.WORK], [P], WALK_IN, None, FREE, [(LIND, WED, "13:00", "16:00")], [], {"targets": [T.NEWCOMERS], "languages": ["nl", "en", "fr", "uk", "ar"]}),
    ("jonge-mantelzorgers", "Jonge mantelzorgers", "Zorg jij thuis voor een ziek familielid? Hier vind je steun en ontspanning.", "caw-oost-vlaanderen", "mantelzorg, ziek, zorgen voor, jongeren", [D.MENTAL_WELLBEING, D.MEETING], [P], REGISTRATION, years(10, 25), FREE, [], [(days, "14:00", "16:30", "caw-onthaal-wilgendaal") for days in (22, 50, 78)], {"targets": [T.YOUNG_PEOPLE]}),
    ("hulp-bij-formulieren", "Hulp bij formulieren en brieven", "Een brief die je niet begrijpt? We lezen hem samen.", "sociaal-huis-berkhove", "brieven, formulieren, papieren, administratie", [D.MONEY, D.LANGUAGE], [P], WALK_IN, None, FREE, [("antenne-berkhove", THU, "13:00", "16:00")], [], {}),
    ("studietoelage", "Studietoelage aanvragen", "We helpen je de schooltoeslag en studietoelage aan te vragen.", "groeipakket-fons", "schooltoeslag, studietoelage, studiebeurs, geld, school", [D.MONEY, D.EDUCATION], [P], APPOINTMENT, years(3, 25), FREE, [(HVHK, MON, "13:30", "16:00")], [], {}),
    ("zakgeld-workshop", "Workshop: kinderen en zakgeld", "Hoeveel zakgeld geef je en hoe leert je kind met geld omgaan?", "opvoedingswinkel-scheldevallei", "zakgeld, geld, budget, opvoeden", [D.MONEY, D.PARENTING], [P], REGISTRATION, years(6, 18), FREE, [], [(48, "19:30", "21:00", "bib-wilgendaal")], {}),
    ("zindelijkheid-workshop", "Workshop: zindelijk worden", "Tips om je peuter zonder stress zindelijk te maken.", "kind-en-gezin-scheldevallei", "zindelijk, potje, pamper af, plassen, zindelijkheidstraining", [D.PARENTING, D.HEALTH], [H, P], REGISTRATION, years(1.5, 4), FREE, [], [(25, "19:30", "21:00", HVHK), (53, "10:00", "11:30", LIND)], {}),
    ("wintervakantie-speelplein", "Speelplein in de kerstvakantie", "Spelen met animatoren tijdens de kerstvakantie.", "jeugddienst-berkhove", "speelplein, kerstvakantie, vakantie, opvang", [D.LEISURE, D.CHILDCARE], [M], WALK_IN, years(3, 12), PAID, [], [(days, "09:00", "17:00", BERK) for days in (27, 28, 29, 30, 34, 35, 36)], {"price": "€ 3 per dag", "kansentarief": True}),
    ("gezinsfietstocht", "Gezinsfietstocht", "Een korte fietstocht langs speelpleinen, met een picknick.", "gemeente-wilgendaal", "fietsen, fietstocht, uitstap, bewegen", [D.LEISURE, D.HEALTH], [M], WALK_IN, None, FREE, [], [(75, "13:30", "17:00", HVHK)], {}),
    ("hpv-vaccinatie-info", "Vaccinaties op school", "Het CLB vaccineert je kind gratis op school. Vragen? Bel ons.", "clb-scheldevallei", "vaccinatie, inenting, hpv, prik, school", [D.HEALTH], [H], APPOINTMENT, years(6, 15), FREE, [("clb-wilgendaal", FRI, "08:30", "12:00")], [], {}),
    ("dreumesgroep", "Dreumesgroep", "Spelen en ontdekken met kinderen van 1 tot 2 jaar.", "kind-en-gezin-scheldevallei", "dreumes, spelen, peuter, baby", [D.MEETING, D.LEISURE], [M], WALK_IN, years(1, 2), FREE, [("consultatiebureau-ter-heide", FRI, "09:30", "11:00")], [], {}),
    ("speelcafe-lindenaken", "Speelcafé Lindenaken", "Op zaterdag spelen en babbelen in de groeiplek.", "sociaal-huis-lindenaken", "speelcafe, spelen, ontmoeting", [D.MEETING, D.LEISURE], [M], WALK_IN, years(0, 6), FREE, [(LIND, SAT, "10:00", "12:00")], [], {}),
    ("voorleesuurtje-berkhove", "Voorleesuurtje Berkhove", "Verhalen voor kleuters in het jeugdlokaal.", "jeugddienst-berkhove", "voorlezen, verhalen, boeken", [D.EDUCATION, D.LEISURE], [M], WALK_IN, years(2, 7), FREE, [(BERK, WED, "15:00", "15:45")], [], {}),
    ("mamagroep-wilgendaal", "Mamagroep Wilgendaal", "Koffie en een babbel voor mama's met jonge kinderen.", "gemeente-wilgendaal", "mama, moeders, ontmoeting", [D.MEETING], [M], WALK_IN, (0, 48), FREE, [(HVHK, TUE, "13:30", "15:30")], [], {}),
    ("taalcafe-wilgendaal", "Taalcafé Wilgendaal", "Nederlands oefenen bij een kop thee, elke donderdagavond.", "bib-wilgendaal", "nederlands oefenen, taal, nieuwkomers", [D.LANGUAGE, D.MEETING], [M], WALK_IN, None, FREE, [("bib-wilgendaal", THU, "19:00", "20:30")], [], {"targets": [T.NEWCOMERS]}),
    ("babymassage-ter-heide", "Babymassage Ter Heide", "Vier lessen babymassage in het consultatiebureau van Ter Heide.", "kind-en-gezin-scheldevallei", "massage, baby, ontspanning", [D.HEALTH, D.MEETING], [H, M], REGISTRATION, (1, 8), FREE, [], [(days, "13:30", "15:00", "consultatiebureau-ter-heide") for days in (21, 28, 35, 42)], {}),
    ("kinderwagenwandeling-lindenaken", "Kinderwagenwandeling Lindenaken", "Wandelen met de kinderwagen langs de Schelde.", "sociaal-huis-lindenaken", "wandelen, buggy, baby", [D.MEETING, D.HEALTH], [M], WALK_IN, (0, 36), FREE, [(LIND, FRI, "10:00", "11:30")], [], {}),
    ("huiswerkbegeleiding-oostmolen", "Huiswerkklas Oostmolen", "Na school samen huiswerk maken met vrijwilligers.", "basisschool-de-linde", "huiswerk, huiswerkklas, leren", [D.EDUCATION], [M], REGISTRATION, years(6, 12), FREE, [("consultatiebureau-oostmolen", TUE, "15:45", "17:15")], [], {}),
    ("sportkennismaking-tieners", "Sportkriebels voor tieners", "Probeer elke week een andere sport, zonder lidgeld.", "sportclub-de-sprinters", "sport, tieners, bewegen, basket, voetbal", [D.LEISURE, D.HEALTH], [M], WALK_IN, years(12, 18), FREE, [(BERK, MON, "18:30", "20:00")], [], {"targets": [T.YOUNG_PEOPLE]}),
    ("week-van-de-opvoeding-lezing", "Lezing: opvoeden zonder straffen", "Een avond over grenzen stellen met respect.", "opvoedingswinkel-scheldevallei", "straffen, belonen, grenzen, opvoeden", [D.PARENTING], [P], REGISTRATION, years(2, 14), FREE, [], [(58, "20:00", "22:00", HVHK)], {}),
]  # fmt: skip

OFFERS = []
for (slug, title, summary, org, keywords, domains, pillars, access, ages, cost, weekly, events, extra) in COMPACT:  # fmt: skip
    by_location: dict[str, list] = {}
    for location, day, starts, ends in weekly:
        by_location.setdefault(location, []).append((day, starts, ends))
    OFFERS.append(
        offer(
            slug,
            title,
            summary,
            org,
            keywords=keywords,
            domains=domains,
            pillars=pillars,
            access=access,
            ages=ages,
            cost=cost,
            at=[("", location, slots) for location, slots in by_location.items()],
            events=events,
            **extra,
        )
    )
