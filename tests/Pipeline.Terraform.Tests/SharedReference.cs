using System.IO;
using System.Runtime.CompilerServices;

namespace Pipeline.Terraform.Tests;

/// <summary>
/// Finds <c>shared/reference</c> (provider docs, AWS API models), which lives beside the repository rather than in it:
/// walks up from this source file's folder until a <c>shared/reference/terraform-aws-docs</c> folder appears.
/// </summary>
internal static class SharedReference
{
    private static string? _root;

    public static string Root => _root ??= Locate();

    public static string TerraformDocs => Path.Combine(Root, "terraform-aws-docs");

    public static string GlueApiModel => Path.Combine(Root, "aws-api", "glue-2017-03-31.service-2.json");

    private static string Locate([CallerFilePath] string sourcePath = "")
    {
        var directory = new DirectoryInfo(Path.GetDirectoryName(sourcePath)!);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "reference");
            if (Directory.Exists(Path.Combine(candidate, "terraform-aws-docs")))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        Assert.Fail(
            "Could not find shared/reference/terraform-aws-docs in any folder above " + Path.GetDirectoryName(sourcePath) +
            ". The tests need the shared reference copy (Terraform provider docs and the Glue API model) beside the repository.");
        return null!;
    }
}
