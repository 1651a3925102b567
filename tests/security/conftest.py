# The knowledge fixtures (published guides) for the search channel tests.
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401
from tests.knowledge.guides.conftest import make_guide  # noqa: F401
