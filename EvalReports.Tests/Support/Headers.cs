using Microsoft.AspNetCore.Http;

namespace EvalReports.Tests.Support;

public static class Headers
{
    public static HttpRequest With(this HttpRequest request, string name, string? value)
    {
        if (value is not null)
        {
            request.Headers[name] = value;
        }

        return request;
    }
}
