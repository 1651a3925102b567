# The knowledge fixtures (published pages and guides) for the pages the shell checks
# across apps (times in Europe/Berlin).
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401
from tests.knowledge.guides.conftest import make_guide  # noqa: F401
