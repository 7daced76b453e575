using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using static EvalReports.Tests.Resilience.HostileValues;

namespace EvalReports.Tests.Resilience;

/// <summary>
/// CsCheck generators of refused requests for every endpoint. Each request carries exactly one fault; the rest of it
/// is either valid (a real body naming the seeded run, the seeded report's id, ...) or noise the API ignores, so a
/// wrong check order or a missing check shows up as a request that gets through.
/// </summary>
public sealed class HostileRequests(SeededData seeded, int maxRunsPerReport, int maxResponsesPerRun, long maxBodyBytes)
{
    private static readonly (string, string)[][] NoiseHeaders =
    [
        [], [("Content-Type", "application/json")], [("Content-Type", "text/plain")], [("Accept", "*/*"), ("Content-Type", "application/x-www-form-urlencoded")],
        [("X-Forwarded-For", "127.0.0.1"), ("X-Original-URL", "/v2/admin/api-keys")], [("Content-Type", "application/json; charset=utf-16")],
    ];

    public Gen<HostileRequest[]> Corpus(int perEndpoint) =>
        new[]
        {
            CreateReport(), GetReport(), ListReports(), DeleteReport(), ImportRun(), GetRun(), ListRuns(), ListResponses(), DeleteRun(),
            CreateApiKey(), RevokeApiKey(), Rerouted(), ListEvals(), GetEval(), ListEvalPrompts(), Unmatched(),
        }
        .Select(g => g.Array[perEndpoint])
        .Aggregate((a, b) => Gen.Select(a, b, (x, y) => x.Concat(y).ToArray()));

    // ---- /v2/eval-reports ----

    private Gen<HostileRequest> CreateReport()
    {
        const string e = "POST /v2/eval-reports";
        var valid = Utf8(new JsonObject { ["eval_run_uuids"] = new JsonArray(seeded.RunUuid) });
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "POST", "/v2/eval-reports", valid)),
            (1, WorkspaceFault(e, "POST", "/v2/eval-reports", valid)),
            (1, Gen.OneOf(BadBooleans).Select(b => Request(e, "POST", $"/v2/eval-reports?is_sandbox={Q(b)}", valid, "is_sandbox", 422))),
            (1, IdempotencyKeyFault(e, "/v2/eval-reports", valid)),
            (1, SandboxHeaderFault(e, "/v2/eval-reports", valid)),
            (4, BodyFault(e, "/v2/eval-reports", ReportBodyFaults(), """{"eval_run_uuids": ["x"]}""")));
    }

    private Gen<(string Fault, byte[] Body, int Status)> ReportBodyFaults()
    {
        Gen<(string, byte[], int)> With(string fault, Gen<JsonNode?> ids, int status) =>
            Gen.Select(ids, Noise(), (value, noise) =>
            {
                noise["eval_run_uuids"] = value?.DeepClone();
                return (fault, Utf8(noise), status);
            });

        var ids = Gen.OneOf(InvalidIds);
        return Gen.OneOf(
            Noise().Select(n => ("eval_run_uuids absent", Utf8(n), 422)),
            With("eval_run_uuids wrong type", Scalar.Where(s => s is not null && s.GetValueKind() != System.Text.Json.JsonValueKind.Array), 422),
            With("eval_run_uuids null", Gen.Const((JsonNode?)null), 422),
            With("eval_run_uuids empty", Gen.OneOf<JsonNode?>(new JsonArray()), 422),
            With("eval_run_uuids not strings", Scalar.Where(s => s?.GetValueKind() is not System.Text.Json.JsonValueKind.String).Array[1, 4]
                .Select(a => (JsonNode?)new JsonArray(a.Append(JsonValue.Create(1)).Select(x => x?.DeepClone()).ToArray())), 422),
            With("eval_run_uuids invalid id", Gen.Select(ids, Gen.Bool, (id, first) =>
                (JsonNode?)(first ? new JsonArray(id, seeded.RunUuid) : new JsonArray(seeded.RunUuid, id))), 422),
            With("eval_run_uuids repeated", Gen.Int[2, 5].Select(n => (JsonNode?)new JsonArray(Enumerable.Repeat(seeded.RunUuid, n).Select(x => (JsonNode?)x).ToArray())), 422),
            With("too many eval runs", Gen.Int[maxRunsPerReport + 1, maxRunsPerReport + 50]
                .Select(n => (JsonNode?)new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)$"r{i}").ToArray())), 422),
            With("eval runs missing", MissingIds.Array[1, 5].Select(m => (JsonNode?)new JsonArray(m.Append(seeded.RunUuid).Distinct().Select(x => (JsonNode?)x).ToArray())), 404),
            CommonBodyFaults(new JsonObject { ["eval_run_uuids"] = new JsonArray(seeded.RunUuid) }.ToJsonString()));
    }

    private Gen<HostileRequest> GetReport()
    {
        const string e = "GET /v2/eval-reports/{id}";
        var target = $"/v2/eval-reports/{seeded.ReportUuid}";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", target, null)),
            (1, WorkspaceFault(e, "GET", target, null)),
            (1, Gen.OneOf(BadBooleans).Select(b => Request(e, "GET", $"{target}?include_responses={Q(b)}", null, "include_responses", 422))),
            (4, PathIdFault(e, "GET", "/v2/eval-reports/", "")));
    }

    private Gen<HostileRequest> ListReports()
    {
        const string e = "GET /v2/eval-reports";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", "/v2/eval-reports?limit=5", null)),
            (1, WorkspaceFault(e, "GET", "/v2/eval-reports?limit=5", null)),
            (4, PagingFault(e, "/v2/eval-reports")));
    }

    private Gen<HostileRequest> DeleteReport()
    {
        const string e = "DELETE /v2/eval-reports/{id}";
        var target = $"/v2/eval-reports/{seeded.ReportUuid}";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "DELETE", target, null)),
            (1, WorkspaceFault(e, "DELETE", target, null)),
            (4, PathIdFault(e, "DELETE", "/v2/eval-reports/", "")));
    }

    // ---- /v2/eval-runs ----

    private Gen<HostileRequest> ImportRun()
    {
        const string e = "POST /v2/eval-runs";
        var valid = Utf8(ValidImport("never-" + Guid.NewGuid().ToString("N")));
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "POST", "/v2/eval-runs", valid)),
            (1, WorkspaceFault(e, "POST", "/v2/eval-runs", valid)),
            (1, IdempotencyKeyFault(e, "/v2/eval-runs", valid)),
            (1, SandboxHeaderFault(e, "/v2/eval-runs", valid)),
            (5, BodyFault(e, "/v2/eval-runs", ImportBodyFaults(), ValidImport("t").ToJsonString())));
    }

    private Gen<(string Fault, byte[] Body, int Status)> ImportBodyFaults()
    {
        var fresh = MissingIds.Select(id => ValidImport("imp-" + id));
        Gen<(string, byte[], int)> Change(string fault, int status, Gen<Action<JsonObject>> change) =>
            Gen.Select(fresh, change, Noise(), (run, apply, noise) =>
            {
                foreach (var (k, v) in noise)
                {
                    if (!run.ContainsKey(k))
                    {
                        run[k] = v?.DeepClone();
                    }
                }

                apply(run);
                return (fault, Utf8(run), status);
            });

        Gen<Action<JsonObject>> OnResponse(Action<JsonObject> change) =>
            Gen.Int[0, 2].Select(i => (Action<JsonObject>)(run => change(run["responses"]![i]!.AsObject())));

        var notString = Scalar.Where(s => s is not null && s.GetValueKind() != System.Text.Json.JsonValueKind.String);
        return Gen.OneOf(
            Change("eval_uuid absent", 422, Gen.Const<Action<JsonObject>>(run => run.Remove("eval_uuid"))),
            Change("eval_uuid invalid", 422, Gen.OneOf(InvalidIds).Select(id => (Action<JsonObject>)(run => run["eval_uuid"] = id))),
            Change("eval_uuid wrong type", 422, notString.Select(v => (Action<JsonObject>)(run => run["eval_uuid"] = v!.DeepClone()))),
            Change("eval_run_uuid invalid", 422, Gen.OneOf(InvalidIds).Select(id => (Action<JsonObject>)(run => run["eval_run_uuid"] = id))),
            Change("eval_run_uuid exists", 409, Gen.Const<Action<JsonObject>>(run => run["eval_run_uuid"] = seeded.RunUuid)),
            Change("name too long", 422, Gen.Int[1_001, 50_000].Select(n => (Action<JsonObject>)(run => run["name"] = new string('n', n)))),
            Change("name wrong type", 422, notString.Select(v => (Action<JsonObject>)(run => run["name"] = v!.DeepClone()))),
            Change("evaluation wrong type", 422, notString.Select(v => (Action<JsonObject>)(run => run["evaluation"] = v!.DeepClone()))),
            Change("responses wrong type", 422, notString.Select(v => (Action<JsonObject>)(run => run["responses"] = v!.DeepClone()))),
            Change("prompts wrong type", 422, notString.Select(v => (Action<JsonObject>)(run => run["prompts"] = v!.DeepClone()))),
            Change("too many responses", 422, Gen.Int[maxResponsesPerRun + 1, maxResponsesPerRun + 20].Select(n => (Action<JsonObject>)(run =>
                run["responses"] = new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)new JsonObject { ["prompt_uuid"] = $"p{i}", ["is_passed"] = true }).ToArray())))),
            Change("response null", 422, Gen.Int[0, 2].Select(i => (Action<JsonObject>)(run => run["responses"]![i] = null))),
            Change("prompt null", 422, Gen.Int[0, 2].Select(i => (Action<JsonObject>)(run => run["prompts"]![i] = null))),
            Change("prompt without prompt_uuid", 422, Gen.Int[0, 2].Select(i => (Action<JsonObject>)(run => run["prompts"]![i]!.AsObject().Remove("prompt_uuid")))),
            Change("response without is_passed", 422, OnResponse(r => r.Remove("is_passed"))),
            Change("response is_passed not boolean", 422, Gen.OneOf<JsonNode?>("yes", 1, "true", new JsonArray(), new JsonObject())
                .SelectMany(v => OnResponse(r => r["is_passed"] = v?.DeepClone()))),
            Change("response without prompt_uuid", 422, OnResponse(r => r.Remove("prompt_uuid"))),
            Change("confidence out of range", 422, Gen.OneOf(1.0000001, -0.0000001, 2.0, 1e308, -1e308).SelectMany(c => OnResponse(r => r["confidence"] = c))),
            Change("confidence not a number", 422, Gen.OneOf<JsonNode?>("0.5", "NaN", true, new JsonArray()).SelectMany(c => OnResponse(r => r["confidence"] = c?.DeepClone()))),
            Change("turn_number out of int range", 422, Gen.OneOf(2147483648L, -2147483649L, long.MaxValue).SelectMany(n => OnResponse(r => r["turn_number"] = n))),
            Change("eval_run_examples wrong type", 422, notString.Where(v => v!.GetValueKind() != System.Text.Json.JsonValueKind.Array)
                .Select(v => (Action<JsonObject>)(run => run["eval_run_examples"] = v!.DeepClone()))),
            Change("eval_run_example type not pass/fail", 422, Gen.OneOf("maybe", "PASS", "", "' or 1 eq 1").Select(t => (Action<JsonObject>)(run =>
                run["eval_run_examples"] = new JsonArray(new JsonObject { ["prompt"] = "p", ["response"] = "r", ["type"] = t })))),
            Change("too many eval_run_examples", 422, Gen.Int[51, 80].Select(n => (Action<JsonObject>)(run =>
                run["eval_run_examples"] = new JsonArray(Enumerable.Range(0, n).Select(i => (JsonNode?)new JsonObject { ["prompt"] = $"p{i}", ["response"] = "r", ["type"] = "pass" }).ToArray())))),
            Change("manually_updated_at not a date", 422, Gen.OneOf("soon", "2026-02-30T00:00:00Z", "1").SelectMany(d => OnResponse(r => r["manually_updated_at"] = d))),
            Change("update_history not a list of objects", 422, Gen.OneOf<JsonNode?>("x", 1, new JsonArray(1, 2), new JsonObject()).SelectMany(v => OnResponse(r => r["update_history"] = v?.DeepClone()))),
            Change("category not plain text", 422, Gen.OneOf(HostileValues.BadCategories).SelectMany(c =>
                Gen.Int[0, 2].Select(i => (Action<JsonObject>)(run => run["prompts"]![i]!["category"] = c)))),
            Change("timestamp not a date", 422, Gen.OneOf("yesterday", "2026-13-45T99:99:99Z", "' or 1 eq 1", "").Select(d => (Action<JsonObject>)(run =>
                run["evaluation"]!["created_at"] = d))),
            CommonBodyFaults(ValidImport("trunc").ToJsonString()));
    }

    private Gen<HostileRequest> GetRun() => RunPathEndpoint("GET /v2/eval-runs/{id}", "GET", "");

    private Gen<HostileRequest> DeleteRun() => RunPathEndpoint("DELETE /v2/eval-runs/{id}", "DELETE", "");

    private Gen<HostileRequest> ListResponses()
    {
        const string e = "GET /v2/eval-runs/{id}/responses";
        return Gen.Frequency(
            (4, (IGen<HostileRequest>)RunPathEndpoint(e, "GET", "/responses")),
            (2, PagingFault(e, $"/v2/eval-runs/{seeded.RunUuid}/responses")));
    }

    private Gen<HostileRequest> ListRuns()
    {
        const string e = "GET /v2/eval-runs";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", "/v2/eval-runs", null)),
            (1, WorkspaceFault(e, "GET", "/v2/eval-runs", null)),
            (2, PagingFault(e, "/v2/eval-runs")),
            (2, Gen.OneOf(InvalidIds.Where(id => id.Length > 0).ToArray())
                .Select(id => Request(e, "GET", $"/v2/eval-runs?eval_uuid={Q(id)}", null, "eval_uuid invalid", 422))));
    }

    private Gen<HostileRequest> RunPathEndpoint(string e, string method, string suffix)
    {
        var target = $"/v2/eval-runs/{seeded.RunUuid}{suffix}";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, method, target, null)),
            (1, WorkspaceFault(e, method, target, null)),
            (4, PathIdFault(e, method, "/v2/eval-runs/", suffix)));
    }

    // ---- /v2/admin/api-keys (behind the host's admin key, so no x-api-key faults) ----

    private Gen<HostileRequest> CreateApiKey()
    {
        const string e = "POST /v2/admin/api-keys";
        Gen<(string, byte[], int)> Change(string fault, Gen<Action<JsonObject>> change) =>
            Gen.Select(change, Noise(), (apply, noise) =>
            {
                noise["workspace_uuid"] = "ws-new";
                noise["name"] = "ci";
                apply(noise);
                return (fault, Utf8(noise), 422);
            });

        var notString = Scalar.Where(s => s is not null && s.GetValueKind() != System.Text.Json.JsonValueKind.String);
        var faults = Gen.OneOf(
            Change("workspace_uuid absent", Gen.Const<Action<JsonObject>>(o => o.Remove("workspace_uuid"))),
            Change("workspace_uuid invalid", Gen.OneOf(InvalidIds).Select(id => (Action<JsonObject>)(o => o["workspace_uuid"] = id))),
            Change("workspace_uuid wrong type", notString.Select(v => (Action<JsonObject>)(o => o["workspace_uuid"] = v!.DeepClone()))),
            Change("name too long", Gen.Int[201, 5_000].Select(n => (Action<JsonObject>)(o => o["name"] = new string('n', n)))),
            Change("name wrong type", notString.Select(v => (Action<JsonObject>)(o => o["name"] = v!.DeepClone()))),
            Change("expires_at in the past", Gen.OneOf("2001-01-01T00:00:00Z", "0001-01-01T00:00:00+00:00", DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O"))
                .Select(d => (Action<JsonObject>)(o => o["expires_at"] = d))),
            Change("expires_at not a date", Gen.OneOf<JsonNode?>("tomorrow", "2027-02-30T00:00:00Z", 1893456000, true, "' or 1 eq 1")
                .Select(d => (Action<JsonObject>)(o => o["expires_at"] = d?.DeepClone()))),
            CommonBodyFaults("""{"workspace_uuid": "ws-new", "name": "ci"}"""));
        return BodyFault(e, "/v2/admin/api-keys", faults, null, withKey: false);
    }

    private Gen<HostileRequest> RevokeApiKey() =>
        Gen.Frequency(
            (3, (IGen<HostileRequest>)PathIdFault("DELETE /v2/admin/api-keys/{id}", "DELETE", "/v2/admin/api-keys/", "", withKey: false)),
            (1, Gen.Char["0123456789abcdef"].Array[16].Select(c => new string(c)).Where(id => id != seeded.KeyId)
                .Select(id => Request("DELETE /v2/admin/api-keys/{id}", "DELETE", $"/v2/admin/api-keys/{id}", null, "unknown key id", 404, withKey: false))));

    // ---- path tricks that may leave their route: sent without a key, so whatever they reach must refuse them ----

    private Gen<HostileRequest> Rerouted() =>
        Gen.Select(Gen.OneOf(RerouteTricks), Gen.OneOf("GET", "POST", "DELETE", "PUT", "PATCH"), (target, method) =>
            new HostileRequest("re-routed path", method, target, [], method is "POST" or "PUT" or "PATCH" ? "{}"u8.ToArray() : null, "path leaves its route", 0));

    // ---- /v2/evals ----

    private Gen<HostileRequest> ListEvals()
    {
        const string e = "GET /v2/evals";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", "/v2/evals", null)),
            (1, WorkspaceFault(e, "GET", "/v2/evals", null)),
            (3, PagingFault(e, "/v2/evals")));
    }

    private Gen<HostileRequest> GetEval()
    {
        const string e = "GET /v2/evals/{id}";
        var target = "/v2/evals/eval-hostile-seeded";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", target, null)),
            (1, WorkspaceFault(e, "GET", target, null)),
            (4, PathIdFault(e, "GET", "/v2/evals/", "")));
    }

    private Gen<HostileRequest> ListEvalPrompts()
    {
        const string e = "GET /v2/evals/{id}/prompts";
        var target = "/v2/evals/eval-hostile-seeded/prompts";
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)AuthFault(e, "GET", target, null)),
            (1, WorkspaceFault(e, "GET", target, null)),
            (3, PathIdFault(e, "GET", "/v2/evals/", "/prompts")),
            (2, PagingFault(e, target)));
    }

    // ---- the catch-all: no such path (404), or this path with another method (405) ----

    private static Gen<HostileRequest> Unmatched()
    {
        const string e = "any other /v2 URL";
        var wrongMethod = Gen.OneOf(
            ("DELETE", "/v2/eval-reports"), ("PATCH", "/v2/eval-reports"), ("PUT", "/v2/eval-runs"), ("POST", "/v2/evals"),
            ("DELETE", "/v2/evals/x"), ("POST", "/v2/eval-runs/x/responses"), ("GET", "/v2/admin/api-keys"), ("PATCH", "/v2/admin/workspaces/w/quota"));
        var noPath = Gen.OneOf("/v2/nope", "/v2/eval-reports/a/b", "/v2/eval-runs/a/b/c", "/v2/evals/a/b", "/v2/admin", "/v2/admin/api-keys/a/b",
            "/v2/eval-runs/x/responses/y", "/v2/%2e%2e", "/v2/eval_reports", "/v2/reports");
        return Gen.Frequency(
            (1, (IGen<HostileRequest>)wrongMethod.Select(m => new HostileRequest(e, m.Item1, m.Item2, [], m.Item1 is "POST" or "PUT" or "PATCH" ? "{}"u8.ToArray() : null, "method not served on this path", 405))),
            (1, Gen.Select(noPath, Gen.OneOf("GET", "POST", "DELETE", "PUT", "PATCH"), (path, method) =>
                new HostileRequest(e, method, path, [], method is "POST" or "PUT" or "PATCH" ? "{}"u8.ToArray() : null, "no such path", 404))));
    }

    // ---- shared faults ----

    private Gen<HostileRequest> AuthFault(string endpoint, string method, string target, byte[]? body)
    {
        var headers = Gen.Frequency(
            (2, (IGen<(string, (string, string)[])>)Gen.Const(("no x-api-key", Array.Empty<(string, string)>()))),
            (1, Gen.Const(("empty x-api-key", new[] { ("x-api-key", "") }))),
            (2, Gen.Const(("x-api-key twice", new[] { ("x-api-key", seeded.DevKey), ("x-api-key", seeded.DevKey) }))),
            (1, Gen.Const(("x-api-key twice, one wrong", new[] { ("x-api-key", seeded.DevKey), ("X-Api-Key", "wrong") }))),
            (1, Gen.Const(("revoked key", new[] { ("x-api-key", seeded.RevokedKey) }))),
            (3, Gen.OneOf(BadApiKeys).Select(k => ("wrong x-api-key", new[] { ("x-api-key", k) }))),
            (1, Gen.Char['!', '~'].Array[1, 120].Select(c => ("random x-api-key", new[] { ("x-api-key", new string(c)) }))));
        return Gen.Select(headers, Gen.OneOf(NoiseHeaders), (h, noise) =>
            new HostileRequest(endpoint, method, target, [.. h.Item2, .. noise], body, h.Item1, 401));
    }

    private Gen<HostileRequest> WorkspaceFault(string endpoint, string method, string target, byte[]? body)
    {
        var join = target.Contains('?') ? "&" : "?";
        var query = Gen.Frequency(
            (2, (IGen<string>)Gen.Const($"workspace_uuid={Q(seeded.OtherWorkspace)}")),
            (2, Gen.OneOf(InvalidIds.Where(id => id.Length > 0).ToArray()).Select(id => $"workspace_uuid={Q(id)}")),
            (1, Gen.Const($"workspace_uuid={Q(seeded.Workspace)}&workspace_uuid={Q(seeded.Workspace)}")),
            (1, Gen.Const($"workspace_uuid={Q(seeded.Workspace)}&workspace_uuid={Q(seeded.OtherWorkspace)}")),
            (1, Gen.Const($"workspace_uuid={Q(seeded.Workspace.ToUpperInvariant() + " ")}")));
        return query.Select(q => Request(endpoint, method, target + join + q, body, "workspace_uuid not the key's", 403));
    }

    /// <summary>A valid POST whose X-Use-Sandbox header (the SDK's is_sandbox) is not a boolean, or is sent twice.</summary>
    private Gen<HostileRequest> SandboxHeaderFault(string endpoint, string target, byte[] validBody) =>
        Gen.Frequency(
            (3, (IGen<(string, string)[]>)Gen.OneOf(BadBooleans).Select(b => new[] { ("X-Use-Sandbox", b) })),
            (1, Gen.Const(new[] { ("X-Use-Sandbox", "True"), ("X-Use-Sandbox", "False") })))
        .Select(h => new HostileRequest(endpoint, "POST", target, [("x-api-key", seeded.DevKey), .. h], validBody, "bad X-Use-Sandbox", 422));

    /// <summary>A valid POST whose Idempotency-Key header is not one key of 1-255 printable ASCII characters.</summary>
    private Gen<HostileRequest> IdempotencyKeyFault(string endpoint, string target, byte[] validBody) =>
        Gen.Frequency(
            (1, (IGen<(string, (string, string)[])>)Gen.Const(("empty Idempotency-Key", new[] { ("Idempotency-Key", "") }))),
            (2, Gen.Int[256, 4_000].Select(n => ("Idempotency-Key over 255 characters", new[] { ("Idempotency-Key", new string('k', n)) }))),
            (1, Gen.Const(("Idempotency-Key with a tab", new[] { ("Idempotency-Key", "key\twith-a-tab") }))),
            (1, Gen.Const(("Idempotency-Key twice", new[] { ("Idempotency-Key", "key-one"), ("Idempotency-Key", "key-two") }))))
        .Select(h => new HostileRequest(endpoint, "POST", target, [("x-api-key", seeded.DevKey), .. h.Item2], validBody, h.Item1, 422));

    private Gen<HostileRequest> PagingFault(string endpoint, string target)
    {
        return Gen.Frequency(
            (3, (IGen<HostileRequest>)Gen.OneOf(BadLimits).Select(v => Request(endpoint, "GET", $"{target}?limit={Q(v)}", null, "limit", 422))),
            (2, Gen.OneOf(BadOffsets).Select(v => Request(endpoint, "GET", $"{target}?limit=10&offset={Q(v)}", null, "offset", 422))),
            (1, Gen.Const(Request(endpoint, "GET", $"{target}?limit=1&limit=2", null, "limit twice", 422))),
            (1, Gen.Const(Request(endpoint, "GET", $"{target}?offset=1&offset=1", null, "offset twice", 422))));
    }

    /// <summary>An id in the path that names nothing: malformed (percent-encoded whole), encoded tricks, or well-formed but unknown.</summary>
    private Gen<HostileRequest> PathIdFault(string endpoint, string method, string prefix, string suffix, bool withKey = true) =>
        Gen.Frequency(
            (3, (IGen<(string, string)>)Gen.OneOf(InvalidIds.Where(id => id.Length > 0).ToArray()).Select(id => ("malformed id", Uri.EscapeDataString(id)))),
            (3, Gen.OneOf(EncodedPathTricks).Select(t => ("encoded path trick", t))),
            (2, AnyText.Where(s => s.Length is > 0 and < 500).Select(s => ("random id", Uri.EscapeDataString(s)))),
            (2, MissingIds.Select(id => ("unknown id", id))),
            (1, Gen.Const(("another workspace's id as a uuid", Guid.NewGuid().ToString()))))
        .Select(x => Request(endpoint, method, prefix + x.Item2 + suffix, null, x.Item1, 404, withKey));

    private Gen<HostileRequest> BodyFault(
        string endpoint, string target, Gen<(string Fault, byte[] Body, int Status)> faults, string? validJson, bool withKey = true)
    {
        var oversized = Gen.Int[1, 64].Select(extra =>
        {
            var body = new byte[maxBodyBytes + extra];
            Array.Fill(body, (byte)' ');
            body[0] = (byte)'{';
            body[^1] = (byte)'}';
            return ("body over the size limit", body, 413);
        });
        return Gen.Frequency((20, (IGen<(string, byte[], int)>)faults), (1, oversized))
            .Select(f => Request(endpoint, "POST", target, f.Item2, f.Item1, f.Item3, withKey));
    }

    /// <summary>Faults any JSON body can have: not JSON, truncated, not an object, nested too deep.</summary>
    private static Gen<(string, byte[], int)> CommonBodyFaults(string validJson) => Gen.OneOf(
        NotJson.Select(b => ("not JSON", b, 400)),
        Truncated(validJson).Select(b => ("truncated JSON", b, 400)),
        TooDeep.Select(s => ("nested past 64", Encoding.UTF8.GetBytes(s), 400)),
        TooDeep.Select(s => ("nested past 64 in a field", Encoding.UTF8.GetBytes(validJson[..^1] + ", \"evaluation\": " + s + "}"), 400)),
        AnyJson.Where(n => n is not JsonObject).Select(n => ("JSON but not an object", Encoding.UTF8.GetBytes(n?.ToJsonString() ?? "null"), 422)));

    /// <summary>Unknown fields with hostile names and values: the API ignores them.</summary>
    private static Gen<JsonObject> Noise() =>
        Gen.Select(Gen.OneOf("x", "__proto__", "constructor", "PartitionKey", "RowKey", "odata.etag", "$type", "Timestamp", "workspace_uuid_x").Array[0, 2],
            AnyJson.Array[2], (keys, values) =>
            {
                var o = new JsonObject();
                for (var i = 0; i < keys.Length; i++)
                {
                    o[keys[i]] = values[i]?.DeepClone();
                }

                return o;
            });

    private HostileRequest Request(string endpoint, string method, string target, byte[]? body, string fault, int status, bool withKey = true) =>
        new(endpoint, method, target, withKey ? [("x-api-key", seeded.DevKey)] : [], body, fault, status);

    private static JsonObject ValidImport(string runUuid) => new()
    {
        ["eval_uuid"] = "eval-hostile",
        ["eval_run_uuid"] = runUuid,
        ["name"] = "a run that must never be stored",
        ["evaluation"] = new JsonObject { ["eval_type"] = "safety", ["ai_instructions"] = "Be safe." },
        ["prompts"] = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode?)new JsonObject { ["prompt_uuid"] = $"p{i}", ["content"] = $"prompt {i}" }).ToArray()),
        ["responses"] = new JsonArray(Enumerable.Range(0, 3).Select(i => (JsonNode?)new JsonObject
        {
            ["prompt_uuid"] = $"p{i}", ["content"] = $"response {i}", ["is_passed"] = i % 2 == 0, ["confidence"] = 0.5,
        }).ToArray()),
    };

    private static string Q(string value) => Uri.EscapeDataString(value);
}
