using System.Linq;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Terraform.Tests;

/// <summary>Hand-built, realistic pipeline specs (what the parser would produce for the example pipelines).</summary>
internal static class Specs
{
    private static EquatableArray<T> A<T>(params T[] items)
        where T : System.IEquatable<T> => items.ToEquatableArray();

    private static ColumnSpec Col(string property, string name, DataType type, ColumnRules? rules = null) =>
        new(property, name, type, rules ?? ColumnRules.None);

    private static DataType T(TypeKind kind, bool nullable = false) => DataType.Of(kind, nullable);

    /// <summary>orders-daily: S3 JSON source → clean → Parquet sink partitioned by year/month/day, with rules and quarantine.</summary>
    public static PipelineSpec OrdersDaily()
    {
        var raw = new SchemaSpec("global::Acme.Orders.RawOrder", "RawOrder", A(
            Col("OrderId", "order_id", T(TypeKind.String, true)),
            Col("CustomerId", "customer_id", T(TypeKind.String, true)),
            Col("Amount", "amount", new DataType(TypeKind.Decimal, false, 18, 2)),
            Col("Status", "status", T(TypeKind.String, true)),
            Col("CreatedAt", "created_at", T(TypeKind.Timestamp))));

        var address = new DataType(TypeKind.Struct, true, Fields: A(
            Col("City", "city", T(TypeKind.String, true)),
            Col("Zip", "zip", T(TypeKind.String, true))));
        var order = new SchemaSpec("global::Acme.Orders.Order", "Order", A(
            Col("Id", "id", T(TypeKind.String), ColumnRules.None with { NotNull = true, Unique = true }),
            Col("CustomerId", "customer_id", T(TypeKind.String, true)),
            Col("Amount", "amount", new DataType(TypeKind.Decimal, false, 18, 2), ColumnRules.None with { Minimum = "0", Maximum = "100000" }),
            Col("Status", "status", T(TypeKind.String), ColumnRules.None with { AllowedValues = A("paid", "shipped", "refunded") }),
            Col("Tags", "tags", new DataType(TypeKind.Array, true, Element: T(TypeKind.String, true))),
            Col("Shipping", "shipping", address),
            Col("OrderDate", "order_date", T(TypeKind.Date)),
            Col("Year", "year", T(TypeKind.Int)),
            Col("Month", "month", T(TypeKind.Int)),
            Col("Day", "day", T(TypeKind.Int))));

        var source = new SourceSpec("Orders", "orders", SourceKind.S3, raw.TypeName, "s3://acme-raw/orders/", FileFormat.Json, CsvOptions.Default, null, null, null, true);
        var clean = new StageSpec("Clean", "clean", order.TypeName, A("Orders"), new InputNode("Orders"), null);
        var curated = new StageSpec("Curated", "curated", order.TypeName, A("Clean"), new InputNode("Clean"), new SinkSpec(
            "s3://acme-curated/orders/",
            FileFormat.Parquet,
            CompressionKind.Snappy,
            "curated",
            "orders",
            A("year", "month", "day"),
            A("RowCount > 0"),
            QualityActionKind.Quarantine,
            "s3://acme-curated/quarantine/orders/"));

        var job = new JobSpec(
            "orders-daily", "Daily curated orders from the raw order feed.", "4.0", "G.1X", 10, true, 60, 1, 1, "STANDARD", true,
            "cron(0 2 * * ? *)", A(new TagSpec("team", "data-platform"), new TagSpec("cost-center", "1234")));
        return new PipelineSpec("Acme.Orders", "OrdersDaily", job, A(raw, order), A(source), A(clean, curated));
    }

    /// <summary>customer-revenue: two catalog sources (one with a declared location, one without) → join → ORC sink.</summary>
    public static PipelineSpec CustomerRevenue()
    {
        var customer = new SchemaSpec("global::Acme.Marts.Customer", "Customer", A(
            Col("CustomerId", "customer_id", T(TypeKind.String)),
            Col("Name", "name", T(TypeKind.String, true)),
            Col("Segment", "segment", T(TypeKind.String, true))));
        var order = new SchemaSpec("global::Acme.Orders.Order", "Order", A(
            Col("Id", "id", T(TypeKind.String)),
            Col("CustomerId", "customer_id", T(TypeKind.String, true)),
            Col("Amount", "amount", new DataType(TypeKind.Decimal, false, 18, 2))));
        var revenue = new SchemaSpec("global::Acme.Marts.CustomerRevenue", "CustomerRevenue", A(
            Col("CustomerId", "customer_id", T(TypeKind.String), ColumnRules.None with { NotNull = true, Unique = true }),
            Col("Name", "name", T(TypeKind.String, true)),
            Col("Segment", "segment", T(TypeKind.String, true)),
            Col("Revenue", "revenue", new DataType(TypeKind.Decimal, false, 38, 2), ColumnRules.None with { Minimum = "0" }),
            Col("OrderCount", "order_count", T(TypeKind.Long))));

        var customers = new SourceSpec("Customers", "customers", SourceKind.Catalog, customer.TypeName, null, FileFormat.Parquet, CsvOptions.Default, "crm", "customers", null, false)
        {
            Location = "s3://acme-crm/customers/",
        };
        var orders = new SourceSpec("Orders", "orders", SourceKind.Catalog, order.TypeName, null, FileFormat.Parquet, CsvOptions.Default, "curated", "orders", "year >= '2024'", false);

        var joined = new StageSpec("Joined", "joined", revenue.TypeName, A("Customers", "Orders"),
            new JoinNode(new InputNode("Customers"), new InputNode("Orders"), JoinKind.Inner,
                A<Expr>(new ColumnExpr(T(TypeKind.String), "l", "customer_id")),
                A<Expr>(new ColumnExpr(T(TypeKind.String, true), "r", "customer_id")),
                A(new NamedExpr("customer_id", new ColumnExpr(T(TypeKind.String), "l", "customer_id")))),
            null);
        var sink = new StageSpec("Revenue", "revenue", revenue.TypeName, A("Joined"), new InputNode("Joined"), new SinkSpec(
            "s3://acme-marts/customer_revenue",
            FileFormat.Orc,
            CompressionKind.Zstd,
            "marts",
            "customer_revenue",
            EquatableArray<string>.Empty,
            A("RowCount > 0", "ColumnCount = 5"),
            QualityActionKind.Fail,
            null));

        var job = new JobSpec(
            "customer-revenue", "Revenue per customer, joined from CRM and curated orders.", "5.0", "G.2X", 5, false, 120, 0, 1, "FLEX", false,
            null, EquatableArray<TagSpec>.Empty);
        return new PipelineSpec("Acme.Marts", "CustomerRevenue", job, A(customer, order, revenue), A(customers, orders), A(joined, sink));
    }

    public static PipelineSpec[] All() => new[] { OrdersDaily(), CustomerRevenue() };

    /// <summary>The stack of <see cref="All"/>: a declared raw zone (crawled), a curated zone, the rest inferred.</summary>
    public static StackSpec Stack() => Stack(All());

    public static StackSpec Stack(params PipelineSpec[] pipelines) => Pipeline.Generators.Emit.ArtifactEmitter.BuildStack(
        System.Collections.Immutable.ImmutableArray.Create(pipelines),
        new Pipeline.Generators.Parsing.StackAttributes(
            new StackSettings("acme-lake", "data-platform", "cc-1234", 90, 90, 30, 365),
            A(new ZoneSpec("curated", "acme-curated", true, true, null, null), new ZoneSpec("raw", "acme-raw", true, true, "raw_db", "cron(0 1 * * ? *)")),
            Pipeline.Generators.Parsing.StackParser.DefaultEnvironments().ToEquatableArray()));

    /// <summary>Every file of the module for <see cref="All"/>: path → text.</summary>
    public static System.Collections.Generic.Dictionary<string, string> Module(params PipelineSpec[] pipelines)
    {
        pipelines = pipelines.Length == 0 ? All() : pipelines;
        var files = new System.Collections.Generic.Dictionary<string, string>(System.StringComparer.Ordinal);
        foreach (var artifact in Pipeline.Generators.Emit.TerraformEmitter.EmitStack(Stack(pipelines)))
        {
            files[artifact.Path] = artifact.Content;
        }

        foreach (var spec in pipelines)
        {
            files[Pipeline.Generators.Emit.TerraformEmitter.TerraformPath(spec)] = Pipeline.Generators.Emit.TerraformEmitter.EmitPipeline(spec);
        }

        return files;
    }

    public static string Name(PipelineSpec spec) => spec.Job.Name;

    /// <summary>The standalone dashboard file of one pipeline, as the stack's files write it (the environments' region).</summary>
    public static string Dashboard(PipelineSpec spec) =>
        Pipeline.Generators.Emit.ArtifactEmitter.EmitShared(Stack()).Single(a => a.Path == "dashboards/" + spec.Job.Name + ".json").Content;

    public static PipelineSpec ByName(string name) => All().Single(s => s.Job.Name == name);
}
