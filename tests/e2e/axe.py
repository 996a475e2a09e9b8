"""axe-core in the app's pages: injected as a context init script (the page keeps its strict
CSP, which forbids injecting a script later), then run on each screen a test visits."""
import json

from tests.e2e.build import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCAN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + (n.failureSummary || '').replace(/\\n/g, ' ')),
  }));
}"""


class AxeScans:
    """Serious and critical violations found, by screen; call it on each screen, then ``assert_clean``."""

    def __init__(self, *contexts):
        self.found, self.visited = {}, []
        for context in contexts:
            self.inject(context)

    @staticmethod
    def inject(context) -> None:
        """Make axe available in every page this context opens from now on."""
        context.add_init_script(path=str(AXE))

    def __call__(self, name: str, page) -> None:
        self.visited.append(name)
        violations = page.evaluate(SCAN)
        if violations:
            self.found[name] = violations

    def assert_clean(self, screens: int) -> None:
        """Every expected screen was scanned and none has a serious or critical violation."""
        assert len(self.visited) == screens, self.visited
        assert not self.found, "axe found serious or critical violations:\n" + json.dumps(self.found, indent=1)
