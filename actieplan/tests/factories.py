import factory
from factory.django import DjangoModelFactory

from actieplan import models
from partners.choices import Pillar
from partners.tests.factories import NetworkFactory

factory.Faker._DEFAULT_LOCALE = "nl_BE"


class ActionPlanFactory(DjangoModelFactory):
    class Meta:
        model = models.ActionPlan

    network = factory.SubFactory(NetworkFactory)
    year = 2026
    title = factory.LazyAttribute(lambda plan: f"Actieplan {plan.year}")


class GoalFactory(DjangoModelFactory):
    class Meta:
        model = models.Goal
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    pillar = Pillar.MEETING
    text = "Meer avondaanbod voor werkende ouders"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if create and extracted:
            self.themes.set(extracted)


class ActionFactory(DjangoModelFactory):
    class Meta:
        model = models.Action
        skip_postgeneration_save = True

    goal = factory.SubFactory(GoalFactory)
    text = "Speelcafé op donderdagavond in Berkhove"
    budget = 1500
    timing = "vanaf september"
    start_month = 9
    end_month = 12

    @factory.post_generation
    def partners(self, create, extracted, **kwargs):
        if create and extracted:
            self.partners.set(extracted)
