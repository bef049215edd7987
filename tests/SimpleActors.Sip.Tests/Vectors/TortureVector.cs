using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Vectors;

/// <summary>Loads the RFC 4475 and RFC 5118 torture messages copied beside the tests.</summary>
internal static class TortureVector
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Vectors");

    public static byte[] Rfc4475(string name) => File.ReadAllBytes(Path.Combine(Root, "sip-torture", name + ".dat"));

    public static byte[] Rfc5118(string name) => File.ReadAllBytes(Path.Combine(Root, "sip-ipv6-torture", "wire", name + ".sip"));

    public static IEnumerable<string> Rfc4475Names()
        => Directory.EnumerateFiles(Path.Combine(Root, "sip-torture"), "*.dat").Select(Path.GetFileNameWithoutExtension).Order()!;

    public static IEnumerable<string> Rfc5118Names()
        => Directory.EnumerateFiles(Path.Combine(Root, "sip-ipv6-torture", "wire"), "*.sip").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>Parses as a datagram and applies the pre-routing checks; the message, or the status to answer.</summary>
    public static (SipMessage? Message, int Status, string? Reason) Receive(byte[] bytes)
    {
        try
        {
            var message = new SipParser().Parse(bytes);
            SipMessageValidator.Validate(message);
            return (message, 0, null);
        }
        catch (SipParseException e)
        {
            return (null, e.StatusCode, e.Reason);
        }
    }

    /// <summary>A valid message: asserts it is accepted and returns it.</summary>
    public static T Accepted<T>(byte[] bytes)
        where T : SipMessage
    {
        var (message, status, reason) = Receive(bytes);
        Assert.True(message is not null, $"rejected with {status} {reason}");
        return Assert.IsType<T>(message);
    }
}
