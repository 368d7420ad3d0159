using Pipeline.Generators.Validation;
using Xunit;

namespace Pipeline.Analyzers.Tests.Validation;

public class CronExpressionTests
{
    [Theory]
    [InlineData("cron(0 2 * * ? *)")]
    [InlineData("cron(15 10 ? * 6L 2022-2023)")]
    [InlineData("cron(0/5 8-17 ? * MON-FRI *)")]
    [InlineData("cron(*/10 * * * ? *)")]
    [InlineData("cron(0 18 ? * MON-FRI *)")]
    [InlineData("cron(0 8 1 * ? *)")]
    [InlineData("cron(0 12 L * ? *)")]
    [InlineData("cron(0 9 15W * ? *)")]
    [InlineData("cron(0 9 ? * 3#2 *)")]
    [InlineData("cron(0 0 1 JAN,JUL ? *)")]
    [InlineData("cron(0,30 * * * ? *)")]
    [InlineData("cron(0 22-2 ? * FRI-MON *)")]
    public void Valid(string text)
    {
        Assert.True(CronExpression.TryValidate(text, out var error), error);
        Assert.Null(error);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("0 2 * * ? *", "cron(")]
    [InlineData("rate(5 minutes)", "rate")]
    [InlineData("cron(0 2 * * ?)", "six fields")]
    [InlineData("cron(0 2 * * * *)", "must be '?'")]
    [InlineData("cron(0 2 ? * ? *)", "only one")]
    [InlineData("cron(60 2 * * ? *)", "Minutes")]
    [InlineData("cron(0 24 * * ? *)", "Hours")]
    [InlineData("cron(0 2 32 * ? *)", "Day-of-month")]
    [InlineData("cron(0 2 * 13 ? *)", "Month")]
    [InlineData("cron(0 2 ? * 8 *)", "Day-of-week")]
    [InlineData("cron(0 2 * * ? 1969)", "Year")]
    [InlineData("cron(0 2 * FOO ? *)", "JAN")]
    [InlineData("cron(0/1 * * * ? *)", "5 minutes")]
    [InlineData("cron(* * * * ? *)", "5 minutes")]
    [InlineData("cron(0,2 * * * ? *)", "5 minutes")]
    [InlineData("cron(0/x * * * ? *)", "increment")]
    [InlineData("cron(0 2 * * ? L)", "Year")]
    [InlineData("cron(? 2 * * ? *)", "'?'")]
    public void Invalid(string text, string expected)
    {
        Assert.False(CronExpression.TryValidate(text, out var error));
        Assert.Contains(expected, error);
    }
}
