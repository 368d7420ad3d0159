using Pipeline.Generators.Validation;
using Xunit;

namespace Pipeline.Analyzers.Tests.Validation;

public class S3UriTests
{
    [Theory]
    [InlineData("s3://acme-raw/orders/", "acme-raw", "orders/")]
    [InlineData("s3://acme-raw", "acme-raw", "")]
    [InlineData("s3://abc/", "abc", "")]
    [InlineData("s3://123-data/year=2024/month=01/", "123-data", "year=2024/month=01/")]
    public void Valid(string text, string bucket, string key)
    {
        Assert.True(S3Uri.TryValidate(text, out var error), error);
        Assert.True(S3Uri.TryParse(text, out var b, out var k));
        Assert.Equal(bucket, b);
        Assert.Equal(key, k);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("s3a://acme-raw/orders/", "s3a://")]
    [InlineData("s3n://acme-raw/orders/", "s3n://")]
    [InlineData("https://acme-raw.s3.amazonaws.com/orders/", "https://")]
    [InlineData("S3://acme-raw/orders/", "lower case")]
    [InlineData("acme-raw/orders/", "not an S3 URI")]
    [InlineData("s3:///orders/", "missing")]
    [InlineData("s3://ab/orders/", "3-63")]
    [InlineData("s3://acme.raw/orders/", "'.'")]
    [InlineData("s3://Acme-raw/orders/", "'A'")]
    [InlineData("s3://acme_raw/orders/", "'_'")]
    [InlineData("s3://-acme/orders/", "begin and end")]
    [InlineData("s3://acme-/orders/", "begin and end")]
    [InlineData("s3://xn--acme/orders/", "xn--")]
    [InlineData("s3://sthree-acme/orders/", "sthree-")]
    [InlineData("s3://amzn-s3-demo-bucket/orders/", "amzn-s3-demo-")]
    [InlineData("s3://acme-s3alias/orders/", "-s3alias")]
    [InlineData("s3://acme--ol-s3/orders/", "--ol-s3")]
    [InlineData("s3://acme--x-s3/orders/", "--x-s3")]
    [InlineData("s3://acme--table-s3/orders/", "--table-s3")]
    [InlineData("s3://acme-raw/orders/*.json", "glob")]
    [InlineData("s3://acme-raw/orders/?/", "glob")]
    [InlineData("s3://acme-raw/orders/[ab]/", "glob")]
    [InlineData("s3://acme-raw/orders//2024/", "'//'")]
    [InlineData("s3://acme-raw//orders/", "'//'")]
    [InlineData("s3://acme-raw/my orders/", "whitespace")]
    [InlineData("s3://192.168.1.1/orders/", "'.'")]
    public void Invalid(string text, string expected)
    {
        Assert.False(S3Uri.TryValidate(text, out var error));
        Assert.Contains(expected, error);
        Assert.False(S3Uri.TryParse(text, out _, out _));
    }

    [Fact]
    public void Bucket_of_64_characters_is_rejected()
    {
        Assert.False(S3Uri.TryValidate("s3://" + new string('a', 64) + "/x/", out _));
        Assert.True(S3Uri.TryValidate("s3://" + new string('a', 63) + "/x/", out _));
    }
}
