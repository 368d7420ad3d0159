using Pipeline.Dsl;

// The deployment stack of the RetailLake pipelines: who owns it, its storage zones and its environments.
// Buckets of the pipelines' S3 paths that no zone names (acme-analytics, acme-quarantine) become managed data zones.
[assembly: PipelineStack("retail-lake", Owner = "data-platform", CostCenter = "retail-analytics", ArchiveAfterDays = 90)]
[assembly: DataZone("raw", "acme-raw", Database = "retail", CrawlerSchedule = "cron(0 1 * * ? *)")]
[assembly: DataZone("curated", "acme-curated")]
[assembly: DataZone("scripts", "acme-glue-scripts")]
[assembly: DataZone("temp", "acme-glue-temp")]
[assembly: DataZone("logs", "acme-access-logs")]
[assembly: DeploymentEnvironment("dev", BucketSuffix = "-dev", MaxWorkers = 2, SchedulesEnabled = false)]
[assembly: DeploymentEnvironment("staging", BucketSuffix = "-staging", MaxWorkers = 5)]
[assembly: DeploymentEnvironment("prod")]
