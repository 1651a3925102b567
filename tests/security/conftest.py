# The knowledge fixtures (published guides) for the search channel tests.
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401

# Documents for the admin's bulk actions.
from tests.knowledge.documents.conftest import make_document  # noqa: F401
from tests.knowledge.guides.conftest import make_guide  # noqa: F401

# The working-group spaces for the second-factor gate on membership decisions.
from tests.knowledge.spaces.conftest import (  # noqa: F401
    digital_space,
    group_lead,
    make_space,
    space_index,
)
