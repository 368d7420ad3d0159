using System.Collections.Generic;
using Pipeline.Generators.Helpers;
using Pipeline.Generators.Model;

namespace Pipeline.Emitters.Tests;

/// <summary>
/// Hand-built pipeline specs, shaped like what the parser produces for real pipelines, so the emitters are tested
/// without Roslyn. <see cref="OrdersDaily"/> and <see cref="CustomerRevenue"/> mirror the examples;
/// <see cref="EventsAudit"/> covers every remaining construct (CSV options, union/concat, left join, each function,
/// each operator, each literal type, awkward names).
/// </summary>
internal static class Specs
{
    // ---- small builders -------------------------------------------------------------------------------------

    public static DataType T(TypeKind kind, bool nullable = false) => DataType.Of(kind, nullable);

    public static DataType Dec(int precision, int scale, bool nullable = false) => new(TypeKind.Decimal, nullable, precision, scale);

    public static readonly DataType Bool = T(TypeKind.Boolean);
    public static readonly DataType NBool = T(TypeKind.Boolean, true);
    public static readonly DataType Str = T(TypeKind.String, true);
    public static readonly DataType Int = T(TypeKind.Int);
    public static readonly DataType Long = T(TypeKind.Long);
    public static readonly DataType Dbl = T(TypeKind.Double);
    public static readonly DataType Date = T(TypeKind.Date);
    public static readonly DataType Ts = T(TypeKind.Timestamp);

    public static EquatableArray<T1> Arr<T1>(params T1[] items) where T1 : System.IEquatable<T1> => items.ToEquatableArray();

    public static ColumnSpec Column(string property, string name, DataType type, ColumnRules? rules = null) => new(property, name, type, rules ?? ColumnRules.None);

    public static ColumnRules Rules(
        bool notNull = false,
        bool unique = false,
        string? min = null,
        string? max = null,
        string[]? allowed = null,
        string? pattern = null,
        int? maxLength = null) =>
        new(notNull, unique, min, max, (allowed ?? new string[0]).ToEquatableArray(), pattern, maxLength);

    public static ColumnExpr Col(string name, DataType type, string? qualifier = null) => new(type, qualifier, name);

    public static LiteralExpr Lit(DataType type, string? value) => new(type, value);

    public static LiteralExpr S(string value) => new(T(TypeKind.String), value);

    public static LiteralExpr I(int value) => new(Int, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static BinaryExpr Bin(BinaryOp op, Expr left, Expr right, DataType? type = null) => new(type ?? Bool, op, left, right);

    public static FunctionExpr Fn(FunctionKind kind, DataType type, params Expr[] args) => new(type, kind, args.ToEquatableArray());

    public static NamedExpr Out(string name, Expr expr) => new(name, expr);

    public static JobSpec Job(string name, bool bookmarks = true) => new(
        name,
        "Test job " + name,
        "4.0",
        "G.1X",
        10,
        true,
        60,
        1,
        1,
        "STANDARD",
        bookmarks,
        "cron(0 2 * * ? *)",
        Arr(new TagSpec("team", "data")));

    // ---- orders-daily -----------------------------------------------------------------------------------------

    /// <summary>
    /// S3 JSON raw orders → filter (&amp;&amp;, comparisons, string functions, null checks) → project with ToDate and
    /// year/month/day partition columns and casts → DistinctBy(id) → Parquet sink partitioned by year/month/day with
    /// every column rule kind and <c>RowCount &gt; 0</c>, failing the job on bad data.
    /// </summary>
    public static PipelineSpec OrdersDaily()
    {
        var raw = new SchemaSpec("global::Acme.Orders.RawOrder", "RawOrder", Arr(
            Column("OrderId", "order_id", Str),
            Column("CustomerId", "customer_id", Str),
            Column("Amount", "amount", Dec(18, 2)),
            Column("Status", "status", Str),
            Column("Email", "email", Str),
            Column("Quantity", "quantity", Int),
            Column("CreatedAt", "created_at", Ts)));

        var order = new SchemaSpec("global::Acme.Orders.Order", "Order", Arr(
            Column("Id", "id", T(TypeKind.String), Rules(notNull: true, unique: true, maxLength: 36)),
            Column("CustomerId", "customer_id", T(TypeKind.String), Rules(notNull: true)),
            Column("Amount", "amount", Dec(18, 2), Rules(min: "0", max: "100000")),
            Column("Status", "status", Str, Rules(allowed: new[] { "placed", "shipped", "cancelled" })),
            Column("Email", "email", Str, Rules(pattern: "^[^@\\s]+@[^@\\s]+\\.[a-z]+$")),
            Column("Quantity", "quantity", Long),
            Column("OrderDate", "order_date", Date),
            Column("Year", "year", Int),
            Column("Month", "month", Int),
            Column("Day", "day", Int)));

        var orderId = Col("order_id", Str);
        var status = Col("status", Str);
        var email = Col("email", Str);
        var createdAt = Col("created_at", Ts);

        // o.Amount > 0 && o.Status != "test" && o.OrderId != null && o.OrderId.StartsWith("ord-")
        //   && !o.OrderId.Contains("demo") && (o.Email == null || o.Email.Trim().EndsWith(".com"))
        var predicate = Bin(BinaryOp.And,
            Bin(BinaryOp.And,
                Bin(BinaryOp.And,
                    Bin(BinaryOp.GreaterThan, Col("amount", Dec(18, 2)), Lit(Dec(18, 2), "0")),
                    Bin(BinaryOp.NullSafeNotEqual, status, S("test"))),
                Bin(BinaryOp.And,
                    new IsNullExpr(Bool, orderId, Negated: true),
                    Bin(BinaryOp.And,
                        Fn(FunctionKind.StartsWith, Bool, orderId, S("ord-")),
                        new UnaryExpr(Bool, UnaryOp.Not, Fn(FunctionKind.Contains, Bool, orderId, S("demo")))))),
            Bin(BinaryOp.Or,
                new IsNullExpr(Bool, email, Negated: false),
                Fn(FunctionKind.EndsWith, Bool, Fn(FunctionKind.Trim, Str, email), S(".com"))));

        var orderDate = Fn(FunctionKind.ToDate, Date, createdAt);
        var project = new ProjectNode(
            new FilterNode(new InputNode("Orders"), predicate),
            Arr(
                Out("id", Fn(FunctionKind.Upper, T(TypeKind.String), Fn(FunctionKind.Coalesce, T(TypeKind.String), orderId, S("")))),
                Out("customer_id", Fn(FunctionKind.Coalesce, T(TypeKind.String), Col("customer_id", Str), S("unknown"))),
                Out("amount", Col("amount", Dec(18, 2))),
                Out("status", Fn(FunctionKind.Lower, Str, status)),
                Out("email", email),
                Out("quantity", new CastExpr(Long, Col("quantity", Int))),
                Out("order_date", orderDate),
                Out("year", Fn(FunctionKind.Year, Int, orderDate)),
                Out("month", Fn(FunctionKind.Month, Int, orderDate)),
                Out("day", Fn(FunctionKind.Day, Int, orderDate))));

        var clean = new StageSpec("Clean", "clean", order.TypeName, Arr("Orders"), new DistinctNode(project, Arr("id")), null);
        var curated = new StageSpec(
            "Curated",
            "curated",
            order.TypeName,
            Arr("Clean"),
            new InputNode("Clean"),
            new SinkSpec(
                "s3://acme-curated/orders/",
                FileFormat.Parquet,
                CompressionKind.Snappy,
                "acme_curated",
                "orders",
                Arr("year", "month", "day"),
                Arr("RowCount > 0"),
                QualityActionKind.Fail,
                null));

        return new PipelineSpec(
            "Acme.Orders",
            "OrdersDaily",
            Job("orders-daily"),
            Arr(raw, order),
            Arr(new SourceSpec("Orders", "orders", SourceKind.S3, raw.TypeName, "s3://acme-raw/orders/", FileFormat.Json, CsvOptions.Default, null, null, null, Bookmarked: true)),
            Arr(clean, curated));
    }

    // ---- customer-revenue -------------------------------------------------------------------------------------

    /// <summary>
    /// Two catalog sources (one bookmarked with a push-down predicate) → inner join → group by customer with
    /// Count/Sum/Average → Parquet sink that quarantines failing rows.
    /// </summary>
    public static PipelineSpec CustomerRevenue()
    {
        var customer = new SchemaSpec("global::Acme.Marts.Customer", "Customer", Arr(
            Column("Id", "id", T(TypeKind.String)),
            Column("Name", "name", Str),
            Column("Country", "country", Str)));
        var order = new SchemaSpec("global::Acme.Marts.CuratedOrder", "CuratedOrder", Arr(
            Column("Id", "id", T(TypeKind.String)),
            Column("CustomerId", "customer_id", T(TypeKind.String)),
            Column("Amount", "amount", Dec(18, 2)),
            Column("Year", "year", Int)));
        var customerOrder = new SchemaSpec("global::Acme.Marts.CustomerOrder", "CustomerOrder", Arr(
            Column("CustomerId", "customer_id", T(TypeKind.String)),
            Column("Name", "name", Str),
            Column("Country", "country", Str),
            Column("Amount", "amount", Dec(18, 2))));
        var revenue = new SchemaSpec("global::Acme.Marts.CustomerRevenue", "CustomerRevenue", Arr(
            Column("CustomerId", "customer_id", T(TypeKind.String), Rules(notNull: true, unique: true)),
            Column("Country", "country", Str, Rules(allowed: new[] { "DE", "FR", "US" })),
            Column("OrderCount", "order_count", Int, Rules(min: "1")),
            Column("TotalAmount", "total_amount", Dec(28, 2), Rules(min: "0")),
            Column("AverageAmount", "average_amount", Dec(22, 6))));

        var joined = new StageSpec(
            "Joined",
            "joined",
            customerOrder.TypeName,
            Arr("Orders", "Customers"),
            new JoinNode(
                new InputNode("Orders"),
                new InputNode("Customers"),
                JoinKind.Inner,
                Arr<Expr>(Col("customer_id", T(TypeKind.String), "l")),
                Arr<Expr>(Col("id", T(TypeKind.String), "r")),
                Arr(
                    Out("customer_id", Col("customer_id", T(TypeKind.String), "l")),
                    Out("name", Col("name", Str, "r")),
                    Out("country", Col("country", Str, "r")),
                    Out("amount", Col("amount", Dec(18, 2), "l")))),
            null);

        var aggregate = new AggregateNode(
            new InputNode("Joined"),
            Arr<Expr>(Col("customer_id", T(TypeKind.String)), Col("country", Str)),
            Arr(
                new AggregateCall(AggregateKind.Count, null, Int),
                new AggregateCall(AggregateKind.Sum, Col("amount", Dec(18, 2)), Dec(28, 2)),
                new AggregateCall(AggregateKind.Average, Col("amount", Dec(18, 2)), Dec(22, 6))),
            Arr(
                Out("customer_id", Col(AggregateNode.KeyAlias(0), T(TypeKind.String))),
                Out("country", Col(AggregateNode.KeyAlias(1), Str)),
                Out("order_count", Col(AggregateNode.AggregateAlias(0), Int)),
                Out("total_amount", Col(AggregateNode.AggregateAlias(1), Dec(28, 2))),
                Out("average_amount", Col(AggregateNode.AggregateAlias(2), Dec(22, 6)))));

        var sink = new StageSpec(
            "Revenue",
            "revenue",
            revenue.TypeName,
            Arr("Joined"),
            aggregate,
            new SinkSpec(
                "s3://acme-marts/customer-revenue/",
                FileFormat.Parquet,
                CompressionKind.Snappy,
                "acme_marts",
                "customer_revenue",
                Arr("country"),
                Arr("RowCount > 0", "Completeness \"country\" > 0.95"),
                QualityActionKind.Quarantine,
                "s3://acme-quarantine/customer-revenue/"));

        return new PipelineSpec(
            "Acme.Marts",
            "CustomerRevenue",
            Job("customer-revenue"),
            Arr(customer, order, customerOrder, revenue),
            Arr(
                new SourceSpec("Customers", "customers", SourceKind.Catalog, customer.TypeName, null, FileFormat.Parquet, CsvOptions.Default, "acme_curated", "customers", null, Bookmarked: false),
                new SourceSpec("Orders", "orders", SourceKind.Catalog, order.TypeName, null, FileFormat.Parquet, CsvOptions.Default, "acme_curated", "orders", "year >= 2024", Bookmarked: true)),
            Arr(joined, sink));
    }

    // ---- events-audit: everything else ------------------------------------------------------------------------

    /// <summary>
    /// CSV (custom options) and Parquet S3 sources; Concat and Union; a left join; every function, operator and
    /// literal type; odd column names; a Warn JSON sink, an ORC sink and a CSV sink without rules.
    /// </summary>
    public static PipelineSpec EventsAudit()
    {
        var address = new DataType(TypeKind.Struct, true, Fields: Arr(
            Column("City", "city", Str),
            Column("Zip", "zip code", Str)));
        var evt = new SchemaSpec("global::Acme.Audit.Event", "Event", Arr(
            Column("EventId", "event_id", T(TypeKind.Long)),
            Column("EventType", "event type", Str),
            Column("UserName", "user.name", Str),
            Column("Score", "score", Dbl),
            Column("Ratio", "ratio", T(TypeKind.Float)),
            Column("Small", "small", T(TypeKind.Short)),
            Column("Tiny", "tiny", T(TypeKind.Byte)),
            Column("Price", "price", Dec(10, 3, true)),
            Column("Flag", "flag", NBool),
            Column("At", "at", Ts),
            Column("Tags", "tags", new DataType(TypeKind.Array, true, Element: T(TypeKind.String))),
            Column("Address", "address", address)));
        var user = new SchemaSpec("global::Acme.Audit.User", "User", Arr(
            Column("Name", "name", T(TypeKind.String)),
            Column("Team", "team", Str)));
        var audit = new SchemaSpec("global::Acme.Audit.AuditRow", "AuditRow", Arr(
            Column("EventId", "event_id", T(TypeKind.Long), Rules(notNull: true)),
            Column("Kind", "kind", Str, Rules(maxLength: 20, pattern: "^[A-Z_]+$")),
            Column("Team", "team", Str),
            Column("Label", "label", Str),
            Column("Bucket", "bucket", Long),
            Column("Half", "half", Int),
            Column("Share", "share", Dbl),
            Column("Rest", "rest", Long),
            Column("Negated", "negated", Dbl),
            Column("Day", "day", Ts),
            Column("City", "city", Str),
            Column("Prefix", "prefix", Str),
            Column("Tail", "tail", Str),
            Column("Window", "window", Str),
            Column("Price", "price", Dec(10, 3, true)),
            Column("Constants", "constants", Bool)));

        var eventId = Col("event_id", Long);
        var eventType = Col("event type", Str);
        var userName = Col("user.name", Str);

        // Concat (all rows) of two CSV/Parquet event feeds, then Union (distinct) with itself filtered.
        var all = new UnionNode(new InputNode("CsvEvents"), new InputNode("ParquetEvents"), Distinct: false);
        var distinctAll = new UnionNode(all, new FilterNode(new InputNode("ParquetEvents"), Bin(BinaryOp.Equal, Col("flag", NBool), Lit(Bool, "true"))), Distinct: true);

        var everyComparison = Bin(BinaryOp.And,
            Bin(BinaryOp.And,
                Fn(FunctionKind.Coalesce, Bool, Bin(BinaryOp.LessThan, Col("score", Dbl), Lit(Dbl, "1E+20"), NBool), Lit(Bool, "false")),
                Bin(BinaryOp.LessThanOrEqual, Col("small", T(TypeKind.Short)), Lit(T(TypeKind.Short), "300"))),
            Bin(BinaryOp.Or,
                Bin(BinaryOp.GreaterThanOrEqual, Col("tiny", T(TypeKind.Byte)), Lit(T(TypeKind.Byte), "-1")),
                Bin(BinaryOp.NotEqual, Col("ratio", T(TypeKind.Float)), Lit(T(TypeKind.Float), "0.5"))));

        var joined = new JoinNode(
            new FilterNode(distinctAll, everyComparison),
            new InputNode("Users"),
            JoinKind.Left,
            Arr<Expr>(userName.WithQualifier("l"), Col("event type", Str, "l")),
            Arr<Expr>(Col("name", T(TypeKind.String), "r"), Col("team", Str, "r")),
            Arr(
                Out("event_id", Col("event_id", Long, "l")),
                Out("kind", Fn(FunctionKind.Upper, Str, Col("event type", Str, "l"))),
                Out("team", Col("team", Str, "r")),
                // "Caf\u00e9 \"quoted\" \\ tab\t" + name + "\U0001F600" (C# concat with nulls coalesced to "")
                Out("label", Bin(BinaryOp.Concat,
                    Bin(BinaryOp.Concat, S("Caf\u00e9 \"quoted\" \\ tab\t"), Fn(FunctionKind.Coalesce, T(TypeKind.String), Col("name", Str, "r"), S("")), T(TypeKind.String)),
                    S("\U0001F600\n"), T(TypeKind.String))),
                Out("bucket", Bin(BinaryOp.Divide, Col("event_id", Long, "l"), Lit(Long, "1000"), Long)),
                Out("half", Bin(BinaryOp.Divide, new CastExpr(Int, Col("small", T(TypeKind.Short), "l")), I(2), Int)),
                Out("share", Bin(BinaryOp.Divide, Col("score", Dbl, "l"), Bin(BinaryOp.Add, Lit(Dbl, "3"), Lit(Dbl, "0.25"), Dbl), Dbl)),
                Out("rest", Bin(BinaryOp.Modulo, Bin(BinaryOp.Multiply, Col("event_id", Long, "l"), Lit(Long, "7"), Long), Lit(Long, "9223372036854775807"), Long)),
                Out("negated", new UnaryExpr(Dbl, UnaryOp.Negate, Bin(BinaryOp.Subtract, Col("score", Dbl, "l"), Lit(Dbl, "1.5"), Dbl))),
                Out("day", Fn(FunctionKind.TruncateToDay, Ts, Col("at", Ts, "l"))),
                Out("city", new FieldExpr(Str, Col("address", address, "l"), "city")),
                Out("prefix", Fn(FunctionKind.Substring, Str, Col("event type", Str, "l"), I(0), I(3))),
                Out("tail", Fn(FunctionKind.Substring, Str, Col("event type", Str, "l"), Fn(FunctionKind.Length, Int, Col("team", Str, "r")))),
                Out("window", new ConditionalExpr(Str,
                    Bin(BinaryOp.NullSafeEqual, Col("flag", NBool, "l"), Lit(NBool, null)),
                    Lit(Str, null),
                    Fn(FunctionKind.Substring, Str, S("window"), Bin(BinaryOp.Subtract, I(3), I(1), Int), Lit(Int, "2")))),
                Out("price", Fn(FunctionKind.Coalesce, Dec(10, 3, true), Col("price", Dec(10, 3, true), "l"), Lit(Dec(10, 3), "-0.125"))),
                Out("constants", Bin(BinaryOp.And,
                    Bin(BinaryOp.Equal, Lit(Date, "2024-02-29"), new CastExpr(Date, Col("at", Ts, "l"))),
                    Bin(BinaryOp.GreaterThan, Col("at", Ts, "l"), Lit(Ts, "2024-01-01 00:00:00"))))));

        var audited = new StageSpec("Audited", "audited", audit.TypeName, Arr("CsvEvents", "ParquetEvents", "Users"), joined, null);

        var warnSink = new StageSpec(
            "AuditJson",
            "audit_json",
            audit.TypeName,
            Arr("Audited"),
            new FilterNode(new InputNode("Audited"), Bin(BinaryOp.Equal, Fn(FunctionKind.Month, Int, Col("day", Ts)), Lit(Int, "12"))),
            new SinkSpec("s3://acme-audit/json/", FileFormat.Json, CompressionKind.Gzip, "acme_audit", "audit_json", Arr<string>(), Arr("ColumnCount = 16"), QualityActionKind.Warn, null));

        var orcSink = new StageSpec(
            "AuditOrc",
            "audit_orc",
            audit.TypeName,
            Arr("Audited"),
            new InputNode("Audited"),
            new SinkSpec("s3://acme-audit/orc/", FileFormat.Orc, CompressionKind.Zstd, "acme_audit", "audit_orc", Arr("team"), Arr<string>(), QualityActionKind.Warn, null));

        var userSchemaSink = new StageSpec(
            "Teams",
            "teams",
            user.TypeName,
            Arr("Users"),
            new DistinctNode(new InputNode("Users"), Arr("team")),
            new SinkSpec("s3://acme-audit/teams/", FileFormat.Csv, CompressionKind.None, "acme_audit", "teams", Arr<string>(), Arr<string>(), QualityActionKind.Fail, null));

        return new PipelineSpec(
            "",
            "EventsAudit",
            Job("events-audit"),
            Arr(evt, user, audit),
            Arr(
                new SourceSpec("CsvEvents", "csv_events", SourceKind.S3, evt.TypeName, "s3://acme-raw/events/csv/", FileFormat.Csv, new CsvOptions(false, ";", "'"), null, null, null, Bookmarked: true),
                new SourceSpec("ParquetEvents", "parquet_events", SourceKind.S3, evt.TypeName, "s3://acme-raw/events/parquet/", FileFormat.Parquet, CsvOptions.Default, null, null, null, Bookmarked: true),
                new SourceSpec("Users", "users", SourceKind.S3, user.TypeName, "s3://acme-raw/users/", FileFormat.Json, CsvOptions.Default, null, null, null, Bookmarked: false)),
            Arr(audited, warnSink, orcSink, userSchemaSink));
    }

    private static ColumnExpr WithQualifier(this ColumnExpr column, string qualifier) => column with { Qualifier = qualifier };

    /// <summary>Every spec, by name, for the theory tests.</summary>
    public static IReadOnlyDictionary<string, System.Func<PipelineSpec>> All { get; } = new Dictionary<string, System.Func<PipelineSpec>>
    {
        ["OrdersDaily"] = OrdersDaily,
        ["CustomerRevenue"] = CustomerRevenue,
        ["EventsAudit"] = EventsAudit,
    };
}
