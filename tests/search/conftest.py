# The knowledge fixtures (a published guide, a working-group space) serve the index
# upkeep tests too.
from tests.knowledge.conftest import knowledge_index, publish_page  # noqa: F401
from tests.knowledge.guides.conftest import make_guide, text  # noqa: F401
from tests.knowledge.spaces.conftest import make_space, space_index  # noqa: F401
