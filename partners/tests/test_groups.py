import pytest

from .factories import GroupFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group_with_member(cast):
    """A working group of the cast's network with the cast's organisation as a member; the
    member who reads it is the cast's social worker."""
    group = GroupFactory(
        network=cast.network,
        name="Werkgroep kwetsbare gezinnen",
        member_organisations=[cast.organisation],
    )
    MeetingFactory(group=group)
    return group, cast.social_worker


def test_member_through_an_organisation_reads_the_decisions(client, group_with_member):
    group, member = group_with_member
    client.force_login(member)
    content = client.get(f"/nl/groepen/{group.pk}/").content.decode()
    assert "Avondaanbod voor werkende ouders uitwerken" in content


def test_a_person_added_directly_is_a_member_too(client, cast, group_with_member):
    group, _member = group_with_member
    group.member_users.add(cast.volunteer)
    client.force_login(cast.volunteer)
    assert client.get(f"/nl/groepen/{group.pk}/").status_code == 200


@pytest.mark.parametrize("person", ["outsider", "volunteer"])
def test_outsider_gets_404_on_group_detail(client, cast, group_with_member, person):
    group, _member = group_with_member
    client.force_login(cast[person])
    assert client.get(f"/nl/groepen/{group.pk}/").status_code == 404


def test_coordinator_of_another_network_gets_404_on_group_detail(client, cast, group_with_member):
    group, _member = group_with_member
    client.force_login(cast.far_coordinator)
    assert client.get(f"/nl/groepen/{group.pk}/").status_code == 404


def test_anonymous_is_sent_to_login_for_groups(client, group_with_member):
    group, _member = group_with_member
    response = client.get(f"/nl/groepen/{group.pk}/")
    assert response.status_code == 302
    assert "/account/login/" in response["Location"]


def test_decisions_are_searchable(client, group_with_member):
    group, member = group_with_member
    MeetingFactory(group=group, date="2026-09-01", decisions="Budget voor zomerschool")
    client.force_login(member)
    content = client.get(f"/nl/groepen/{group.pk}/?q=zomerschool").content.decode()
    assert "Budget voor zomerschool" in content
    assert "Avondaanbod" not in content


def test_my_groups_lists_only_my_groups(client, group_with_member):
    group, member = group_with_member
    GroupFactory(name="Stuurgroep elders")
    client.force_login(member)
    content = client.get("/nl/groepen/").content.decode()
    assert group.name in content
    assert "Stuurgroep elders" not in content


def test_group_pages_run_a_constant_number_of_queries(
    client, group_with_member, django_assert_max_num_queries
):
    group, member = group_with_member
    for day in range(1, 15):
        MeetingFactory(group=group, date=f"2026-08-{day:02d}")
    client.force_login(member)
    # 12: the member is a social worker, whose menu counts referrals and questions (2).
    with django_assert_max_num_queries(12):
        assert client.get(f"/nl/groepen/{group.pk}/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/nl/groepen/").status_code == 200


def test_bad_search_input_is_a_normal_page(client, group_with_member):
    group, member = group_with_member
    client.force_login(member)
    assert client.get(f"/nl/groepen/{group.pk}/?q=" + "x" * 500).status_code == 200
