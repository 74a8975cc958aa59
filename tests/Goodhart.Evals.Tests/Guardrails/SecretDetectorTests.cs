using Goodhart.Evals.Guardrails;

namespace Goodhart.Evals.Tests.Guardrails;

public sealed class SecretDetectorTests
{
    private static readonly SecretDetector Detector = new();

    [Theory]
    [InlineData("key sk-proj-abcdefghijklmnopqrstuvwxyz123456", "openai_key")]
    [InlineData("key sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "anthropic_key")]
    [InlineData("id AKIAIOSFODNN7EXAMPLE here", "aws_access_key")]
    [InlineData("token ghp_abcdefghijklmnopqrstuvwxyzABCDEFGHIJ12", "github_token")]
    [InlineData("-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----", "private_key")]
    [InlineData("api_key = \"a1b2c3d4e5f6g7h8i9\"", "assigned_secret")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "jwt")]
    public void Finds_credential_shapes(string text, string type) => Assert.Equal(type, Assert.Single(Detector.Detect(text)).Type);

    [Theory]
    [InlineData("The task-list has sk-items and a skeleton key.")]
    [InlineData("Set the password to something long and unique.")]
    public void Ordinary_text_has_no_secrets(string text) => Assert.Empty(Detector.Detect(text));
}
