using System.Linq;
using Pipeline.Generators.Emit;

namespace Pipeline.Emitters.Tests;

public sealed class DqdlEmitterTests
{
    [Fact]
    public void Orders_ruleset_matches_baseline()
    {
        var ruleset = Assert.Single(DqdlEmitter.Emit(Specs.OrdersDaily()));
        Assert.Equal("Curated", ruleset.SinkName);
        Assert.Equal("orders-daily", ruleset.Name);
        Assert.Equal("quality/orders-daily.dqdl", ruleset.Path);
        TestFiles.AssertBaseline("OrdersDaily", "orders-daily.dqdl.txt", ruleset.Text);
    }

    [Fact]
    public void Orders_ruleset_has_every_column_rule_and_the_dataset_rule()
    {
        var text = Assert.Single(DqdlEmitter.Emit(Specs.OrdersDaily())).Text;
        Assert.Contains("    IsComplete \"id\",\n", text);
        Assert.Contains("    IsUnique \"id\",\n", text);
        Assert.Contains("    ColumnLength \"id\" <= 36,\n", text);
        Assert.Contains("    ColumnValues \"amount\" >= 0,\n", text);
        Assert.Contains("    ColumnValues \"amount\" <= 100000,\n", text);
        Assert.Contains("    ColumnValues \"status\" in [\"placed\", \"shipped\", \"cancelled\"],\n", text);
        Assert.Contains("    ColumnValues \"email\" matches \"^[^@\\\\s]+@[^@\\\\s]+\\\\.[a-z]+$\",\n", text);
        Assert.EndsWith("    RowCount > 0\n]\n", text);
    }

    [Fact]
    public void Several_sinks_get_one_ruleset_each_named_by_table()
    {
        var rulesets = DqdlEmitter.Emit(Specs.EventsAudit());
        // The JSON sink has a dataset rule, the ORC sink only the audit schema's column rules; the CSV sink's schema has none.
        Assert.Equal(new[] { "AuditJson", "AuditOrc" }, rulesets.Select(r => r.SinkName));
        Assert.Equal(new[] { "events-audit.audit_json", "events-audit.audit_orc" }, rulesets.Select(r => r.Name));
        Assert.All(rulesets, r => Assert.StartsWith("# ", r.Text));
    }
}
