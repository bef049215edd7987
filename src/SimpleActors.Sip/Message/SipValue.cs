using System.Diagnostics.CodeAnalysis;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Message;

/// <summary>What the header value types share: a <c>TryParse</c> over their throwing <c>Parse</c>.</summary>
internal static class SipValue
{
    /// <summary>Parses with <paramref name="parse"/>; false (and null) for null input or a <see cref="SipParseException"/>.</summary>
    public static bool TryParse<T>(string? value, Func<string, T> parse, [NotNullWhen(true)] out T? result)
        where T : class
    {
        result = null;
        if (value is null)
        {
            return false;
        }

        try
        {
            result = parse(value);
            return true;
        }
        catch (SipParseException)
        {
            return false;
        }
    }
}
