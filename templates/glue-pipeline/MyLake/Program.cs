// `dotnet run` runs every pipeline of this project locally on embedded DuckDB, over the sample data that
// pipeline.local.json points at. `dotnet run -- --help` lists the options (run one job, --input, --output, --reset).
return Pipeline.Runner.PipelineRunner.Run(args);
