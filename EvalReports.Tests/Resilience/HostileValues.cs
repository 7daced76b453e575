using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace EvalReports.Tests.Resilience;

/// <summary>The raw material of the hostile corpus: strings, ids, numbers and JSON that APIs commonly choke on.</summary>
public static class HostileValues
{
    /// <summary>Strings that are never a valid id (so as an id in a body they are a 422, in a path a 404).</summary>
    public static readonly string[] InvalidIds =
    [
        "", " ", "' or PartitionKey ne '", "' or 1 eq 1 or '", "x' or RowKey gt '", "PartitionKey eq 'keys'", "..", "../..", "../../etc/passwd",
        "..\\..\\windows", "a/b", "/", "a\\b", "a#b", "a?b=c", "a b", "\0", "a\0b", "\u202eevil", "ｅｖａｌ", "🙂", "é", "-leading-dash", ".hidden",
        "_x", ":x", "a|b", "a'b", "a\"b", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "\r\nX-Injected: 1", "%00", "%2F", "a%2Fb",
        new string('a', 129), new string('7', 2000), "a\u0001b", "\t", "null\u0000",
    ];

    /// <summary>Id-shaped values that exist nowhere (valid format, so found missing rather than rejected as malformed).</summary>
    public static readonly Gen<string> MissingIds =
        Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"].Array[1, 40].Select(c => "missing-" + new string(c));

    /// <summary>Path segments that try to escape their route segment: encoded slashes and dots, double encoding, overlong UTF-8.</summary>
    public static readonly string[] EncodedPathTricks =
    [
        "..%2F..%2Fv2%2Feval-runs", "..%2f", "%2e%2e%2f%2e%2e%2f", "%252F", "%252e%252e%252f", "a%2Fb", "%5C..%5C", "%C0%AE%C0%AE%C0%AF",
        "%E2%80%AE", "%EF%BC%8F", "%00", "a%00b", "%27%20or%20PartitionKey%20ne%20%27", "%F0%9F%99%82", "%ZZ", "%", "%%32%46",
        "x%3Bjsessionid=1", "x;y", "*", "$metadata", "%2A", "()", "x%0D%0AX-Injected:%201",
    ];

    /// <summary>Whole request targets that may be re-routed (dot segments, doubled slashes, other casing): sent with no key.</summary>
    public static readonly string[] RerouteTricks =
    [
        "/v2/eval-reports/../eval-runs", "/v2/eval-reports/%2e%2e/eval-runs", "/v2/eval-runs/x/responses/../../../admin/api-keys",
        "//v2/eval-reports", "/v2//eval-reports", "/V2/EVAL-REPORTS", "/v2/eval-reports/", "/v2/eval-runs/x/../x", "/v2/./eval-runs",
        "/v2/eval-reports/a/b", "/v2/eval-runs/a/b/c", "/v2/eval-reports?limit=1#frag", "/v2/eval-reports%2F", "/v2/eval-reports%3Flimit=1",
    ];

    /// <summary>Category names that are not plain text: markup, bidi controls, controls, emoji, blank.</summary>
    public static readonly string[] BadCategories =
    [
        "img src=x onerror=alert(1)", "<script>", "a\u202Eb", "\u2066x\u2069", "x\u200Fy", "tab\tx", "line\nbreak", "🙂", "", " ", "a/b", "\"q\"", "x\u200Bz",
    ];

    public static readonly string[] BadBooleans = ["yes", "no", "2", "-1", "tru", "truee", "on", "' or 1 eq 1", "🙂", "true,false", "t", "NaN", "%00", "1.0"];

    public static readonly string[] BadLimits = ["0", "101", "-1", "abc", "1.5", "1e2", "99999999999", "0x10", "+-1", " 5", "5 ", "١", "１", "NaN", "-0.0", "2147483648"];

    public static readonly string[] BadOffsets = ["-1", "abc", "1.5", "99999999999", "-2147483649", "1e3", "0x0", "٣", "--1"];

    public static readonly string[] BadApiKeys =
    [
        "wrong-key", "test-dev-key-012345678", "TEST-DEV-KEY-0123456789", "erk_0123456789abcdef_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "erk_ZZZZZZZZZZZZZZZZ_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "erk_", "Bearer test-dev-key-0123456789", "' or PartitionKey ne '",
        "null", new string('k', 300), "erk_0123456789abcdef_' or PartitionKey ne 'AAAAAAAAAAAAAAAAAAAAAAAA",
    ];

    /// <summary>Strings for noise and for fields whose content is free: anything printable, control characters, huge.</summary>
    public static readonly Gen<string> AnyText = Gen.Frequency(
        (4, (IGen<string>)Gen.OneOf(InvalidIds)),
        (3, Gen.String[Gen.Char['\u0000', '\uD7FF'], 0, 60]),
        (1, Gen.String[Gen.Char['\u0000', '\u001F'], 1, 20]),
        (1, Gen.Int[1_000, 200_000].Select(n => new string('x', n))));

    public static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (3, (IGen<JsonNode?>)AnyText.Select(s => (JsonNode?)JsonValue.Create(s))),
        (1, Gen.Const((JsonNode?)null)),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.OneOf(0.0, -1.0, 1e308, -1e308, double.Epsilon, 3.5, 2147483648.0).Select(d => (JsonNode?)JsonValue.Create(d))),
        (1, Gen.Long.Select(l => (JsonNode?)JsonValue.Create(l))));

    /// <summary>A JSON value of any type, up to two levels deep.</summary>
    public static readonly Gen<JsonNode?> AnyJson = Gen.Frequency(
        (3, (IGen<JsonNode?>)Scalar),
        (1, Scalar.Array[0, 5].Select(items => (JsonNode?)new JsonArray(items.Select(i => i?.DeepClone()).ToArray()))),
        (1, Gen.Select(AnyText.Array[0, 4], Scalar.Array[4], (keys, values) =>
        {
            var o = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                o[keys[i].Length > 200 ? keys[i][..200] : keys[i]] = values[i]?.DeepClone();
            }

            return (JsonNode?)o;
        })));

    /// <summary>Bodies that are not JSON at all (400): text, binary, invalid UTF-8, almost-JSON.</summary>
    public static readonly Gen<byte[]> NotJson = Gen.Frequency(
        (2, (IGen<byte[]>)Gen.OneOf("", " ", "{", "}", "[", "{\"a\":", "{'eval_uuid': 'x'}", "{\"a\" 1}", "{\"a\":1,}", "nul", "tru", "{\"a\":\"\\x\"}",
            "{\"eval_run_uuids\": [\"a\"] garbage", "<xml/>", "eval_uuid=x&y=z", "\"unterminated", "{\"a\":01}", "NaN", "{\"a\":NaN}", "[1,2,]",
            "{\"a\":1}{\"b\":2}", "// comment\n{}").Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[1, 300].Select(b => { b[0] = 0xFF; return b; })),
        (1, Gen.OneOf(new byte[] { 0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D }, [0xEF, 0xBB, 0xBF, 0xFF, 0xFE], [0x7B, 0xED, 0xA0, 0x80, 0x7D])));

    /// <summary>Nesting past the parser's depth limit of 64 (400), as an array or object, under a field or at the root.</summary>
    public static readonly Gen<string> TooDeep = Gen.Select(Gen.Int[65, 20_000], Gen.Bool, (depth, arrays) =>
        arrays ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));

    /// <summary>A proper prefix of a JSON object is never valid JSON.</summary>
    public static Gen<byte[]> Truncated(string json) => Gen.Int[0, json.Length - 1].Select(n => Encoding.UTF8.GetBytes(json[..n]));

    public static byte[] Utf8(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());
}
