"""How pytest-xdist shares the tests between its workers (`make test` runs `-n auto`).

xdist's default (`--dist load`) hands out single tests, so a module's tests end up on
several workers and in several batches, and a module-scoped fixture is built again for
each batch: the modules that seed the whole demo once (tests/*/test_seed_*.py,
test_demo*.py) would seed it many times. (`--dist loadgroup` with `xdist_group` marks
would keep them together, but does nothing with pytest 9.2: pytest-xdist issue 1386.)

So with `--dist load`, a module's tests go to one worker as one unit, and modules with
more than CHUNK tests (the permission matrix, the query counts) in units of consecutive
tests, each of which builds the module's world once. The small modules go first, the
chunks of the big ones last, so that the workers finish together. A big module's last
TAIL tests are split into units of CHUNK (the last units decide how evenly the workers
finish); the tests before them into as few units of at most BIG_CHUNK as they fill
(each unit builds the world again: 48 units of 100 built the matrix's world 48 times).
"""

import math
from collections import OrderedDict, defaultdict

import pytest

CHUNK = 100
BIG_CHUNK = 400
TAIL = 3 * CHUNK


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModuleChunks(LoadScopeScheduling):
        scopes = None
        ordered = False

        def schedule(self):
            if self.scopes is None and self.collection_is_completed:
                self.scopes = _module_chunks(next(iter(self.registered_collections.values())))
            super().schedule()

        def _split_scope(self, nodeid):
            return self.scopes[nodeid]

        def _assign_work_unit(self, node):
            if not self.ordered:
                whole = [s for s in self.workqueue if s.endswith("#whole")]
                chunks = [s for s in self.workqueue if not s.endswith("#whole")]
                self.workqueue = OrderedDict((s, self.workqueue[s]) for s in whole + chunks)
                self.ordered = True
            super()._assign_work_unit(node)

    config.option.loadscopereorder = False
    return ModuleChunks(config, log)


def _module_chunks(nodeids) -> dict[str, str]:
    """nodeid -> its unit: "<module>#whole", or "<module>#<n>" for the n-th chunk."""
    modules = defaultdict(list)
    for nodeid in nodeids:
        modules[nodeid.split("::", 1)[0]].append(nodeid)
    scopes = {}
    for module, members in modules.items():
        if len(members) <= CHUNK:
            scopes.update(dict.fromkeys(members, f"{module}#whole"))
            continue
        head = max(0, len(members) - TAIL)
        size = math.ceil(head / math.ceil(head / BIG_CHUNK)) if head else 0
        for index, nodeid in enumerate(members):
            if index < head:
                scopes[nodeid] = f"{module}#{index // size}"
            else:
                scopes[nodeid] = f"{module}#tail-{(index - head) // CHUNK}"
    return scopes
