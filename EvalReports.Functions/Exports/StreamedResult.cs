using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace EvalReports.Exports;

/// <summary>
/// Streams an export into the response body. Everything that can fail the request has been checked before this
/// runs; if writing still fails midway (storage lost), the connection is aborted so the client sees a broken
/// download, never a truncated file that looks complete.
/// </summary>
public sealed class StreamedResult(ExportDocument document, bool inline, ILogger logger) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var http = context.HttpContext;
        var response = http.Response;
        response.StatusCode = 200;
        response.ContentType = document.ContentType;
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.Headers["Cache-Control"] = "private, no-store";
        response.Headers["Content-Disposition"] = $"{(inline ? "inline" : "attachment")}; filename=\"{document.FileName}\"";
        if (document.Format == ExportFormat.Html)
        {
            response.Headers["Content-Security-Policy"] = HtmlExport.ContentSecurityPolicy;
            response.Headers["Referrer-Policy"] = "no-referrer";
            response.Headers["X-Frame-Options"] = "DENY";
        }

        try
        {
            await document.WriteAsync(response.Body, http.RequestAborted);
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            logger.LogError("Export {Format} failed while streaming: {ExceptionType}.", document.Format, e.GetType().Name);
            if (response.HasStarted)
            {
                http.Abort();
                return;
            }

            // Nothing was sent yet (the first buffer had not filled): answer with the envelope instead.
            var requestId = response.Headers[Api.HttpApi.RequestIdHeader].ToString();
            response.Clear();
            response.Headers[Api.HttpApi.RequestIdHeader] = requestId;
            response.StatusCode = 500;
            response.ContentType = "application/json; charset=utf-8";
            await response.WriteAsync(Contracts.Json.Serialize(new Contracts.ErrorEnvelope(
                new Contracts.ErrorBody("server.internal_error", "The export could not be written.", new Dictionary<string, object?>()), requestId)));
        }
    }
}
