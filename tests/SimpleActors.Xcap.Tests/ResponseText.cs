using System.Text;
using SimpleActors.Xcap.Operations;

namespace SimpleActors.Xcap.Tests;

internal static class ResponseText
{
    public static string BodyText(this XcapResponse response) => Encoding.UTF8.GetString(response.Body.Span);
}
