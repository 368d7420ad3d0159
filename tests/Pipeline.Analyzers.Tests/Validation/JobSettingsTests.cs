using Pipeline.Generators.Validation;
using Xunit;

namespace Pipeline.Analyzers.Tests.Validation;

public class JobSettingsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(10079)]
    public void Valid_timeouts(int minutes) => Assert.True(JobSettings.TryValidateTimeout(minutes, out _));

    [Theory]
    [InlineData(0, "no timeout")]
    [InlineData(-5, "negative")]
    [InlineData(10080, "7 days")]
    [InlineData(20000, "7 days")]
    public void Invalid_timeouts(int minutes, string expected)
    {
        Assert.False(JobSettings.TryValidateTimeout(minutes, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("4.0", true)]
    [InlineData("5.0", true)]
    [InlineData("3.0", false)]
    [InlineData("2.0", false)]
    [InlineData("5", false)]
    [InlineData("", false)]
    public void Glue_versions(string version, bool valid) => Assert.Equal(valid, JobSettings.TryValidateGlueVersion(version, out _));

    [Theory]
    [InlineData("4.0", "G.1X", 2, false, "STANDARD")]
    [InlineData("4.0", "G.1X", 299, false, "STANDARD")]
    [InlineData("4.0", "G.2X", 149, true, "STANDARD")]
    [InlineData("5.0", "G.4X", 74, false, "STANDARD")]
    [InlineData("5.0", "G.8X", 37, false, "STANDARD")]
    [InlineData("4.0", "G.1X", 10, false, "FLEX")]
    [InlineData("4.0", "G.2X", 10, false, "FLEX")]
    public void Valid_workers(string version, string type, int workers, bool autoScaling, string executionClass) =>
        Assert.True(JobSettings.TryValidateWorkers(version, type, workers, autoScaling, executionClass, out var error), error);

    [Theory]
    [InlineData("4.0", "G.1X", 1, false, "STANDARD", "outside")]
    [InlineData("4.0", "G.1X", 300, false, "STANDARD", "outside")]
    [InlineData("4.0", "G.2X", 150, true, "STANDARD", "maximum number")]
    [InlineData("4.0", "G.4X", 75, false, "STANDARD", "outside")]
    [InlineData("4.0", "G.8X", 38, false, "STANDARD", "outside")]
    [InlineData("4.0", "G.4X", 10, false, "FLEX", "Flex")]
    [InlineData("4.0", "G.8X", 10, false, "FLEX", "Flex")]
    [InlineData("2.0", "G.4X", 10, false, "STANDARD", "3.0")]
    [InlineData("4.0", "G.025X", 10, false, "STANDARD", "not supported")]
    [InlineData("4.0", "Standard", 10, false, "STANDARD", "not supported")]
    public void Invalid_workers(string version, string type, int workers, bool autoScaling, string executionClass, string expected)
    {
        Assert.False(JobSettings.TryValidateWorkers(version, type, workers, autoScaling, executionClass, out var error));
        Assert.Contains(expected, error);
    }

    [Theory]
    [InlineData("orders-daily")]
    [InlineData("Orders_Daily2")]
    [InlineData("a")]
    public void Valid_job_names(string name) => Assert.True(JobSettings.TryValidateJobName(name, out _));

    [Theory]
    [InlineData("")]
    [InlineData("orders daily")]
    [InlineData("2orders")]
    [InlineData("-orders")]
    [InlineData("orders.daily")]
    [InlineData("orders/daily")]
    [InlineData("ordérs")]
    public void Invalid_job_names(string name) => Assert.False(JobSettings.TryValidateJobName(name, out _));

    [Fact]
    public void Job_name_length_limit()
    {
        Assert.True(JobSettings.TryValidateJobName("a" + new string('b', 254), out _));
        Assert.False(JobSettings.TryValidateJobName("a" + new string('b', 255), out _));
    }

    [Theory]
    [InlineData("sales", true)]
    [InlineData("orders_v2", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("Sales", false)]
    [InlineData("_sales", false)]
    [InlineData("1sales", false)]
    [InlineData("sales-db", false)]
    [InlineData("sales.db", false)]
    public void Catalog_names(string name, bool valid) => Assert.Equal(valid, JobSettings.TryValidateCatalogName(name, out _));

    [Fact]
    public void Catalog_name_length_limit()
    {
        Assert.True(JobSettings.TryValidateCatalogName("a" + new string('b', 254), out _));
        Assert.False(JobSettings.TryValidateCatalogName("a" + new string('b', 255), out _));
    }
}
