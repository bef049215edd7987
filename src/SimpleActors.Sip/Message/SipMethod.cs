namespace SimpleActors.Sip.Message;

/// <summary>
/// The SIP methods by name (RFC 3261 section 7.1 and the extensions the SIMPLE suite uses). Methods are
/// case-sensitive tokens; known ones are interned so a parsed request does not allocate its method.
/// </summary>
public static class SipMethod
{
    public const string Invite = "INVITE";
    public const string Ack = "ACK";
    public const string Bye = "BYE";
    public const string Cancel = "CANCEL";
    public const string Options = "OPTIONS";
    public const string Register = "REGISTER";
    public const string Subscribe = "SUBSCRIBE";
    public const string Notify = "NOTIFY";
    public const string Publish = "PUBLISH";
    public const string Message = "MESSAGE";
    public const string Info = "INFO";
    public const string Update = "UPDATE";
    public const string Refer = "REFER";
    public const string Prack = "PRACK";

    private static readonly string[] Known =
        [Invite, Ack, Bye, Cancel, Options, Register, Subscribe, Notify, Publish, Message, Info, Update, Refer, Prack];

    /// <summary>The interned name of a known method spelled exactly so, else a new string.</summary>
    public static string FromBytes(ReadOnlySpan<byte> method)
    {
        foreach (var known in Known)
        {
            if (method.Length == known.Length && Matches(method, known))
            {
                return known;
            }
        }

        return System.Text.Encoding.ASCII.GetString(method);
    }

    /// <summary>True for the methods this server knows, in RFC 3261's case-sensitive comparison.</summary>
    public static bool IsKnown(string method) => Array.IndexOf(Known, method) >= 0;

    private static bool Matches(ReadOnlySpan<byte> bytes, string text)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != text[i])
            {
                return false;
            }
        }

        return true;
    }
}
