using System.Globalization;
using SimpleActors.Load.SipLoad;

namespace SimpleActors.Load.Rls;

/// <summary>A presentity of the lists, sip:rbN@example.com: one publication, modified by SIP-If-Match, one PUBLISH in flight.</summary>
internal sealed class Resource(UdpAgent agent, string callId, int index) : SipParty(agent, callId)
{
    private string? etag;
    private volatile bool busy;

    public int Index { get; } = index;

    public string Uri { get; } = $"sip:rb{index.ToString(CultureInfo.InvariantCulture)}@example.com";

    /// <summary>How many list subscriptions name this presentity.</summary>
    public int Listed { get; set; }

    public bool Busy => busy;

    public async Task<bool> PublishAsync(string note)
    {
        busy = true;
        try
        {
            var response = await RequestAsync(line => PresenceText.Publish(line, Uri, etag, PresenceText.Pidf, PresenceText.PidfBody(Uri, "t", note)));
            if (response is { StatusCode: 200 })
            {
                etag = response.SipETag;
                return true;
            }

            Console.Error.WriteLine($"PUBLISH of {Uri} answered {response?.StatusCode.ToString(CultureInfo.InvariantCulture) ?? "nothing"}");
            return false;
        }
        finally
        {
            busy = false;
        }
    }
}
