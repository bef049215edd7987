using System.Text;
using SimpleActors.Msrp.Parsing;

namespace SimpleActors.Msrp.Message;

/// <summary>
/// Method names. Any upper-case token is a method on the wire (RFC 4975 section 9, other-method); what is not
/// implemented is the dispatcher's to answer with 501 (section 10.9).
/// </summary>
public static class MsrpMethod
{
    /// <summary>RFC 4975 section 7.1.1.</summary>
    public const string Send = "SEND";

    /// <summary>RFC 4975 section 7.1.2; never answered.</summary>
    public const string Report = "REPORT";

    /// <summary>RFC 4976 section 5: a client authenticates to its relay.</summary>
    public const string Auth = "AUTH";

    /// <summary>RFC 7701: a nickname in a chat room.</summary>
    public const string Nickname = "NICKNAME";

    /// <summary>method = 1*UPALPHA (RFC 4975 section 9).</summary>
    public static bool IsValid(string method) => method is not null && MsrpCharacters.IsUpperAlpha(method);

    /// <summary>The method as a string, the known ones without allocating.</summary>
    internal static string FromBytes(ReadOnlySpan<byte> name)
    {
        if (name.SequenceEqual("SEND"u8))
        {
            return Send;
        }

        if (name.SequenceEqual("REPORT"u8))
        {
            return Report;
        }

        if (name.SequenceEqual("AUTH"u8))
        {
            return Auth;
        }

        return name.SequenceEqual("NICKNAME"u8) ? Nickname : Encoding.ASCII.GetString(name);
    }
}
