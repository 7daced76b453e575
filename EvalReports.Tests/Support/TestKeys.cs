namespace EvalReports.Tests.Support;

public static class TestKeys
{
    public const string DevKey = "test-dev-key-0123456789-abcdefghijklmnop";
    public const string DevWorkspace = "00000000-0000-0000-0000-00000000aaaa";
}
