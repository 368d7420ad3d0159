using Pipeline.Runner;

// Runs every pipeline of this project locally on embedded DuckDB, in dependency order, over the sample data that
// pipeline.local.json points at; `dotnet run -- --help` lists the options (run one job, --input, --output, --reset).
return PipelineRunner.Run(args);
