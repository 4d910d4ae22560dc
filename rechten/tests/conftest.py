import pytest


@pytest.fixture
def staff_coordinator(cast):
    """The cast's coordinator, with the staff account the admin asks for."""
    cast.coordinator.is_staff = True
    cast.coordinator.save(update_fields=["is_staff"])
    return cast.coordinator
