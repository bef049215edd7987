using FsCheck;
using FsCheck.Fluent;
using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

/// <summary>Generators of valid session descriptions: any line type in any allowed place, MSRP media among them.</summary>
internal static class SdpGenerators
{
    private const string Alphanum = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // Text pieces, a surrogate pair kept whole so the text stays valid UTF-16.
    private static readonly string[] TextPieces =
        [.. (Alphanum + " \t:/*=;.,-+@[]<>\"'\\").Select(c => c.ToString()), "é", "☃", "😀", "漢", "\u00A0", "\x7F", "\x01"];

    private static Gen<string> Text => Gen.Elements(TextPieces).ArrayOf().Select(string.Concat);

    private static Gen<string> Field =>
        Gen.Elements(TextPieces.Where(p => p is not (" " or "\t")).ToArray()).NonEmptyListOf().Select(l => string.Concat(l.Take(12)));

    private static Gen<string> Token => Gen.Elements((Alphanum + "-.!%*_+`'~").ToCharArray()).NonEmptyListOf().Select(l => new string(l.Take(10).ToArray()));

    private static Gen<string> AttributeName => Field.Where(f => !f.Contains(':', StringComparison.Ordinal) && !string.IsNullOrWhiteSpace(f));

    private static Gen<SdpLine> Origin =>
        Field.ArrayOf(6).Select(f => new SdpOrigin(f[0], f[1], f[2], f[3], f[4], f[5]).ToLine());

    private static Gen<SdpLine> Connection =>
        Gen.OneOf(
            Field.ArrayOf(3).Select(f => new SdpConnection(f[0], f[1], f[2]).ToLine()),
            Gen.Elements("192.0.2.1", "2001:db8::1", "example.com", "233.252.0.1/127/3").Select(a => SdpConnection.For(a).ToLine()));

    private static Gen<SdpLine> Attribute =>
        from name in AttributeName
        from value in Gen.OneOf(Gen.Constant<string?>(null), Text.Select(t => (string?)t))
        select new SdpAttribute(name, value).ToLine();

    private static Gen<SdpLine> Untyped(string types) =>
        from type in Gen.Elements(types.ToCharArray())
        from value in Text
        select new SdpLine(type, value);

    private static Gen<SdpLine> SessionLine =>
        Gen.Frequency((3, Untyped("iuepbtrzkyfx")), (2, Attribute), (1, Connection));

    private static Gen<SdpLine> MediaLevelLine =>
        Gen.Frequency((2, Untyped("ibkyfx")), (4, Attribute), (1, Connection));

    private static Gen<string> MsrpUri =>
        from scheme in Gen.Elements("msrp", "msrps", "MSRP")
        from host in Gen.Elements("alice.example.com", "192.0.2.1", "[2001:db8::1]", "relay.example.net")
        from port in Gen.OneOf(Gen.Constant(string.Empty), Gen.Choose(1, 65535).Select(p => ":" + p))
        from id in Gen.OneOf(Gen.Constant(string.Empty), Token.Select(t => "/" + t))
        from transport in Gen.Elements(";tcp", ";ws", string.Empty)
        select $"{scheme}://{host}{port}{id}{transport}";

    private static Gen<string> MediaType =>
        Gen.Elements("*", "text/plain", "text/*", "message/cpim", "image/*", "application/im-iscomposing+xml", "*/*", "bad", "text/html");

    private static Gen<SdpLine> MsrpLine =>
        Gen.OneOf(
            MsrpUri.NonEmptyListOf().Select(p => new SdpLine('a', "path:" + string.Join(' ', p.Take(3)))),
            MediaType.NonEmptyListOf().Select(t => new SdpLine('a', "accept-types:" + string.Join(' ', t.Take(4)))),
            MediaType.NonEmptyListOf().Select(t => new SdpLine('a', "accept-wrapped-types:" + string.Join(' ', t.Take(4)))),
            Gen.Elements("max-size:2048", "max-size:x", "setup:actpass", "setup:active", "setup:passive", "setup:holdconn", "setup:maybe", "msrp-cema", "chatroom:nickname private-messages", "sendonly", "recvonly", "inactive", "sendrecv")
                .Select(v => new SdpLine('a', v)),
            Connection);

    private static Gen<MediaDescription> OtherMedia =>
        from media in Field
        from port in Gen.Choose(0, 65535)
        from count in Gen.OneOf(Gen.Constant<int?>(null), Gen.Choose(1, 9).Select(c => (int?)c))
        from proto in Field
        from formats in Field.ArrayOf().Select(f => f.Take(4))
        from lines in MediaLevelLine.ArrayOf()
        select MediaDescription.Create(new SdpMediaLine(media, port, proto, formats, count), lines.Take(8));

    private static Gen<MediaDescription> MsrpMedia =>
        from port in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 65535)))
        from proto in Gen.Elements("TCP/MSRP", "TCP/TLS/MSRP", "tcp/msrp")
        from path in MsrpUri.NonEmptyListOf().Select(p => new SdpLine('a', "path:" + string.Join(' ', p.Take(3))))
        from types in MediaType.NonEmptyListOf().Select(t => new SdpLine('a', "accept-types:" + string.Join(' ', t.Take(4))))
        from extra in Gen.Frequency((4, MsrpLine), (1, MediaLevelLine)).ArrayOf()
        from lines in Gen.Shuffle([path, types, .. extra.Take(6)])
        select MediaDescription.Create(new SdpMediaLine("message", port, proto, ["*"]), lines);

    public static Gen<SessionDescription> Description =>
        from origin in Origin
        from name in Text
        from others in SessionLine.ArrayOf()
        from order in Gen.Shuffle([origin, new SdpLine('s', name), .. others.Take(10)])
        from media in Gen.Frequency((1, OtherMedia), (2, MsrpMedia)).ArrayOf()
        select SessionDescription.Create([new SdpLine('v', "0"), .. order], media.Take(5));
}
