using FsCheck;
using FsCheck.Fluent;
using SimpleActors.Sip.Message;

namespace SimpleActors.Sip.Tests.Message;

/// <summary>Generators of valid SIP URI and name-addr text, built from the RFC 3261 section 25.1 grammar.</summary>
internal static class SipUriGenerators
{
    private const string Alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static Gen<string> StringOf(string chars, int min = 1) =>
        Gen.Elements(chars.ToCharArray()).ArrayOf().Where(a => a.Length >= min).Select(a => new string(a));

    private static Gen<string> Escape =>
        Gen.Choose(0, 255).Select(b => "%" + b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));

    private static Gen<string> EscapedString(string chars) =>
        Gen.OneOf(StringOf(chars), Escape).ListOf().Where(l => l.Count > 0).Select(l => string.Concat(l));

    private static Gen<string> Label =>
        from first in Gen.Elements("abcxyz".ToCharArray())
        from rest in StringOf(Alphanum + "-", 0)
        from last in Gen.Elements("abz09".ToCharArray())
        select first + rest + last;

    private static Gen<string> Hostname =>
        from labels in Label.NonEmptyListOf()
        select string.Join('.', labels.Take(4));

    private static Gen<string> IPv4 =>
        Gen.Choose(0, 255).ArrayOf(4).Select(a => string.Join('.', a));

    private static Gen<string> IPv6 =>
        Gen.Elements("[2001:db8::10]", "[::1]", "[2001:db8::9:255.255.255.255]", "[::ffff:192.0.2.10]", "[FE80:0:0:0:0:0:0:1]", "[2001:DB8:0:0:8:800:200C:417A]");

    private static Gen<string> Host => Gen.OneOf(Hostname, IPv4, IPv6);

    private static Gen<string> Token => StringOf(Alphanum + "-.!%*_+`'~");

    private static Gen<string> UriParameter =>
        from name in Gen.OneOf(Gen.Elements("transport", "user", "method", "ttl", "maddr", "lr"), EscapedString(Alphanum + "-_.!~*'()[]/:&+$"))
        from value in name switch
        {
            "ttl" => Gen.Choose(0, 255).Select(t => (string?)t.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "lr" => Gen.Constant<string?>(null),
            _ => EscapedString(Alphanum + "-_.!~*'()[]/:&+$").Select(v => (string?)v).OrNull(),
        }
        select value is null ? ";" + name : $";{name}={value}";

    private static Gen<string> UriHeader =>
        from name in EscapedString(Alphanum + "-_.!~*'()[]/?:+$")
        from value in Gen.OneOf(Gen.Constant(string.Empty), EscapedString(Alphanum + "-_.!~*'()[]/?:+$"))
        select name + "=" + value;

    public static Gen<string> ValidUriText =>
        from scheme in Gen.Elements("sip", "sips", "SIP")
        from user in EscapedString(Alphanum + "-_.!~*'()&=+$,;?/").Select(v => (string?)v).OrNull()
        from password in EscapedString(Alphanum + "-_.!~*'()&=+$,").Select(v => (string?)v).OrNull()
        from host in Host
        from port in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(0, 65535).Select(p => (int?)p))
        from parameters in UriParameter.ListOf()
        from headers in UriHeader.ListOf()
        select scheme + ":"
            + (user is null ? string.Empty : user + (password is null ? string.Empty : ":" + password) + "@")
            + host
            + (port is null ? string.Empty : ":" + port.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            + string.Concat(parameters)
            + (headers.Count == 0 ? string.Empty : "?" + string.Join('&', headers));

    public static Gen<string> DisplayName =>
        Gen.Elements((Alphanum + " \t\"\\<>,;:@!~é漢").ToCharArray()).ArrayOf().Select(a => new string(a));

    private static Gen<string> HeaderParameter =>
        from name in Token
        from value in Gen.OneOf(
            Gen.Constant<string?>(null),
            Token.Select(t => (string?)t),
            IPv6.Select(h => (string?)h),
            DisplayName.Select(d => (string?)SipToken.Quote(d)))
        select value is null ? ";" + name : $";{name}={value}";

    public static Gen<string> ValidNameAddressText =>
        from uri in ValidUriText
        from name in Gen.OneOf(
            Gen.Constant<string?>(null),
            DisplayName.Select(d => (string?)SipToken.Quote(d)),
            Token.NonEmptyListOf().Select(l => (string?)string.Join(' ', l)))
        from parameters in HeaderParameter.ListOf()
        select (name is null ? string.Empty : name + " ") + "<" + uri + ">" + string.Concat(parameters);
}
