using System.IO;
using Xunit;

namespace Pipeline.Runner.Tests.Runs;

/// <summary><c>pipeline.local.json</c> is written by hand: partial files, comments, nulls and any case must load.</summary>
public class LocalConfigTests
{
    [Fact]
    public void A_file_with_only_locations_keeps_every_other_default()
    {
        using var fixture = new RunFixture();
        var path = Write(fixture, """{ "locations": { "s3://acme-raw/orders/": "raw/orders/" } }""");

        var config = LocalConfig.Load(path);

        Assert.Equal(".", config.Input);
        Assert.Equal("pipeline-output", config.Output);
        Assert.Equal("raw/orders/", config.Locations["s3://acme-raw/orders/"]);
        Assert.Empty(config.Tables);
        Assert.Equal(fixture.Root, config.BaseDirectory);
    }

    [Fact]
    public void Comments_trailing_commas_nulls_any_case_and_unknown_properties_are_accepted()
    {
        using var fixture = new RunFixture();
        var path = Write(fixture, """
            {
              // where the sample data lives
              "Input": "samples",
              "output": null,
              "locations": null,
              "TABLES": { "retail_curated.orders": { "path": "lake/orders", "format": "parquet" }, },
              "comment": "not a setting",
            }
            """);

        var config = LocalConfig.Load(path);

        Assert.Equal("samples", config.Input);
        Assert.Equal("pipeline-output", config.Output);
        Assert.Empty(config.Locations);
        Assert.Equal(new LocalTable("lake/orders", "parquet"), config.Tables["retail_curated.orders"]);
    }

    [Fact]
    public void A_table_without_a_format_is_parquet()
    {
        using var fixture = new RunFixture();
        var path = Write(fixture, """{ "tables": { "db.t": { "path": "lake/t" } } }""");

        Assert.Equal("parquet", LocalConfig.Load(path).Tables["db.t"].Format);
    }

    [Fact]
    public void Invalid_json_is_a_clear_error_naming_the_file()
    {
        using var fixture = new RunFixture();
        var path = Write(fixture, """{ "locations": [ """);

        var error = Assert.Throws<RunnerException>(() => LocalConfig.Load(path));
        Assert.Contains(path, error.Message);
        Assert.Contains("not a valid local config", error.Message);
    }

    private static string Write(RunFixture fixture, string json)
    {
        Directory.CreateDirectory(fixture.Root);
        var path = Path.Combine(fixture.Root, LocalConfig.FileName);
        File.WriteAllText(path, json);
        return path;
    }
}
