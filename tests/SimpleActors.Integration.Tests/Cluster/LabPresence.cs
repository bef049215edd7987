using System.Text;
using SimpleActors.Sip.Message;

namespace SimpleActors.Integration.Tests.Cluster;

/// <summary>PUBLISH, SUBSCRIBE and NOTIFY as a lab-mode phone does them (no credentials), for the cluster tests.</summary>
internal static class LabPresence
{
    public static string Pidf(string entity, string note) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" entity="{entity}"><tuple id="t1"><status><basic>open</basic></status><note>{note}</note></tuple></presence>""";

    /// <summary>An initial PUBLISH, or a modify of the publication <paramref name="etag"/> (RFC 3903 section 4.4).</summary>
    public static Task<SipResponse> PublishAsync(TestPhone phone, string note, string? etag = null, int expires = 600)
    {
        List<string> headers = ["Event: presence", $"Expires: {expires}", "Content-Type: application/pidf+xml"];
        if (etag is not null)
        {
            headers.Add($"SIP-If-Match: {etag}");
        }

        return phone.RequestAsync("PUBLISH", phone.Aor, $"<{phone.Aor}>", Pidf(phone.Aor, note), null, [.. headers]);
    }

    /// <summary>A new subscription, or a refresh (or with 0 an end) of the dialog <paramref name="toTag"/>.</summary>
    public static Task<SipResponse> SubscribeAsync(TestPhone watcher, string presentity, int expires, string? toTag = null) =>
        watcher.RequestAsync(
            "SUBSCRIBE", presentity, toTag is null ? $"<{presentity}>" : $"<{presentity}>;tag={toTag}", null, null,
            "Event: presence", "Accept: application/pidf+xml", $"Contact: <{watcher.ContactUri}>", $"Expires: {expires}");

    /// <summary>The next NOTIFY to <paramref name="watcher"/>, answered 200.</summary>
    public static async Task<SipRequest> NotifyAsync(TestPhone watcher, TimeSpan? timeout = null)
    {
        var notify = await watcher.NextRequestAsync(timeout);
        Assert.Equal("NOTIFY", notify.Method);
        await watcher.ReplyAsync(notify, 200);
        return notify;
    }

    /// <summary>The next NOTIFY whose document carries <paramref name="note"/>; earlier ones are answered and skipped.</summary>
    public static async Task<SipRequest> NotifyWithAsync(TestPhone watcher, string note, TimeSpan? timeout = null)
    {
        while (true)
        {
            var notify = await NotifyAsync(watcher, timeout);
            if (Body(notify).Contains(note, StringComparison.Ordinal))
            {
                return notify;
            }
        }
    }

    public static string Body(SipRequest request) => Encoding.UTF8.GetString(request.Body.Span);
}
