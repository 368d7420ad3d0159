using Pipeline.Dsl;

// A larger stack for the Terraform tier: raw, curated and analytics zones with declared key users, a partner's drop bucket
// that the stack only reads (never created, secured or notified by us), and three environments of their own.
[assembly: PipelineStack("lakehouse", Owner = "lake-team", CostCenter = "cc-9000", LogRetentionDays = 400)]
[assembly: DataZone("raw", "lh-raw", Database = "lh_raw", CrawlerSchedule = "cron(0 0 * * ? *)", Producers = new[] { "lh-ingest" })]
[assembly: DataZone("curated", "lh-curated", Readers = new[] { "lh-athena-analyst" })]
[assembly: DataZone("analytics", "lh-analytics", Readers = new[] { "lh-bi" })]
[assembly: DataZone("partner", "partner-drop", Managed = false)]
[assembly: DataZone("scripts", "lh-scripts")]
[assembly: DataZone("temp", "lh-temp")]
[assembly: DataZone("logs", "lh-logs")]
[assembly: DeploymentEnvironment("dev", BucketSuffix = "-dev", MaxWorkers = 2, SchedulesEnabled = false)]
[assembly: DeploymentEnvironment("test", BucketSuffix = "-test", MaxWorkers = 4)]
[assembly: DeploymentEnvironment("prod", AlertEmail = "lake-oncall@example.com")]
