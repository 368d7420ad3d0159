using Pipeline.Dsl;

// The deployment stack of this project's pipelines: who owns it, its storage zones and its environments.
// `dotnet build` writes it to pipeline-artifacts/terraform/ (deploy with terraform init/plan/apply per environment).
[assembly: PipelineStack("my-lake", Owner = "data-platform", CostCenter = "analytics", ArchiveAfterDays = 90)]
[assembly: DataZone("raw", "example-raw", Database = "raw")]
[assembly: DataZone("curated", "example-curated")]
[assembly: DataZone("scripts", "example-glue-scripts")]
[assembly: DataZone("temp", "example-glue-temp")]
[assembly: DataZone("logs", "example-access-logs")]
[assembly: DeploymentEnvironment("dev", BucketSuffix = "-dev", MaxWorkers = 2, SchedulesEnabled = false)]
[assembly: DeploymentEnvironment("prod")]
