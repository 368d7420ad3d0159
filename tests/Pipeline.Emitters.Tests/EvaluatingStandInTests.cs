using System.IO;
using System.Linq;
using System.Text.Json;
using Pipeline.Generators.Emit;

namespace Pipeline.Emitters.Tests;

/// <summary>
/// The evaluating stand-ins (Python/run_evaluating.py, Python/evaluating/) compute data with Spark's semantics, so the
/// parity tests in Pipeline.Runner.Tests (Runs/GlueParityTests) can compare a generated script's output with the local
/// runner's. Here: their own semantics, and that a construct they do not model fails loudly instead of computing
/// something else.
/// </summary>
public class EvaluatingStandInTests
{
    [Fact]
    public void Casts_null_semantics_and_the_glue_reader_behave_as_spark_and_glue_do()
    {
        var tests = Path.Combine(TestFiles.ProjectDirectory, "Python", "evaluating", "test_stand_ins.py");
        var (code, stdout, stderr) = TestFiles.RunPython(tests);
        Assert.True(code == 0, stdout + stderr);
    }

    [Fact]
    public void A_script_using_what_the_stand_ins_do_not_model_fails_loudly()
    {
        // orders-daily's stages use startswith(), to_date(), year() ...: not modelled, so refused rather than guessed.
        var spec = Specs.All["OrdersDaily"]();
        var script = TestFiles.WriteTemp("orders_daily.py", PySparkEmitter.Emit(spec));
        var directory = Path.GetDirectoryName(script)!;
        var input = Path.Combine(directory, "in");
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "part-1.json"), """{"order_id": "o1", "customer_id": "c1", "amount": 10, "status": "placed", "email": "a@b.c", "quantity": 1, "created_at": "2024-11-04T08:00:00"}""" + "\n");
        var events = Path.Combine(directory, "events.json");
        var arguments = new[] { Path.Combine(TestFiles.ProjectDirectory, "Python", "run_evaluating.py"), script, events, "--map", "s3://in/=" + input, "--map", "s3://out/=" + Path.Combine(directory, "out"), "--" }
            .Concat(PySparkEmitter.PathArguments(spec).SelectMany(a => new[] { "--" + a.Name, a.Kind == PySparkEmitter.PathArgumentKind.Source ? "s3://in/" : "s3://out/" + a.Name + "/" }))
            .ToArray();

        TestFiles.RunPython(arguments);

        var exit = JsonDocument.Parse(File.ReadAllText(events)).RootElement.EnumerateArray().Last();
        Assert.Equal("NotImplementedError", exit.GetProperty("error").GetString());
        Assert.Contains("NotImplementedError: the evaluating stand-in has no ", exit.GetProperty("message").GetString());
    }
}
