using FsCheck;
using FsCheck.Fluent;
using SimpleActors.Msrp.Cpim;

namespace SimpleActors.Msrp.Tests.Cpim;

/// <summary>
/// Random valid <see cref="CpimMessage"/>s as the reader gives them: text with what must be escaped (backslash, quotes,
/// controls, line breaks, an unpaired surrogate) and non-ASCII, display names that are tokens and some that must be
/// quoted, namespaces used by their headers, parameters, MIME headers without edge white space, binary content.
/// </summary>
internal static class CpimGenerators
{
    public static Gen<string> Text =>
        Gen.Elements("", " ", "a", "hello world", "\"quoted\"", "back\\slash", "line\r\nbreak", "\ttab", "\u0001\u007F", "ü€😀", "\ud800", "<im:x@y>", "a;b=c", "  padded  ")
            .ArrayOf()
            .Select(parts => string.Concat(parts.Take(4)));

    private static Gen<string> Uri => Gen.Elements("im:piglet@100akerwood.com", "sip:bob@example.com;transport=tcp", "tel:+15551234", "pres:a@b", "urn:ietf:params:imdn", "mid:x@y.z", "im:zoë@example.com");

    private static Gen<string> Name => Gen.Elements("X", "Message-ID", "a1", "Vital_Option", "x!#$%&'*+-^_`|~", "Original-To");

    public static Gen<CpimAddress> Address =>
        from name in Gen.Frequency(
            (2, Gen.Constant<string?>(null)),
            (2, Gen.Elements<string?>("MR SANDERS", "Zoë", "a.b", "x")),
            (3, Text.Where(t => t.Length > 0).Select(t => (string?)t)))
        from uri in Uri
        select new CpimAddress(name, uri);

    private static Gen<DateTimeOffset?> DateTime =>
        Gen.Frequency(
            (1, Gen.Constant<DateTimeOffset?>(null)),
            (3, from seconds in Gen.Choose(0, int.MaxValue)
                from ticks in Gen.Choose(0, 9_999_999)
                from offsetMinutes in Gen.Elements(0, 60, -300, 330, 840, -720, -480)
                select (DateTimeOffset?)new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero)
                    .AddSeconds(seconds).AddTicks(ticks).ToOffset(TimeSpan.FromMinutes(offsetMinutes))));

    private static Gen<CpimSubject> Subject =>
        from text in Text
        from language in Gen.Elements<string?>(null, "fr", "en-GB", "x-klingon", "i-default")
        select new CpimSubject(text, language);

    private static Gen<CpimParameter> Parameter =>
        from name in Name
        from value in Gen.OneOf(Gen.Elements("1", "token", "a.b", "ü"), Text)
        select new CpimParameter(name, value);

    private static Gen<MimeHeader> Mime =>
        from name in Gen.Elements("Content-ID", "Content-Disposition", "X-Other", "content-length")
        from value in Gen.Elements("<1234567890@foo.com>", "notification", "a\tb c", "ü", "12", "")
        select new MimeHeader(name, value);

    public static Gen<IReadOnlyList<T>> Few<T>(Gen<T> item, int max = 3) =>
        Gen.Choose(0, max).SelectMany(n => item.ListOf(n)).Select(l => (IReadOnlyList<T>)l.ToArray());

    public static Gen<CpimMessage> Message =>
        from sender in Address
        from toCount in Gen.Choose(1, 3)
        from to in Address.ListOf(toCount)
        from cc in Few(Address)
        from dateTime in DateTime
        from subjects in Few(Subject)
        from prefixes in Gen.Elements<string[]>([], ["imdn"], ["MyFeatures", "imdn"], ["a", "b", "c"])
        from uris in Uri.ListOf(prefixes.Length)
        from require in Few(Gen.Elements("MyFeatures.VitalMessageOption", "a.X", "Plain"))
        from extensions in Few(Extension(prefixes.Zip(uris).Select(p => new CpimNamespace(p.First, p.Second)).ToArray()), 4)
        from contentType in Gen.Elements("text/plain", "text/plain; charset=utf-8", "message/imdn+xml", "application/octet-stream")
        from mime in Few(Mime)
        from content in Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
        select new CpimMessage
        {
            From = sender,
            To = to.ToArray(),
            Cc = cc,
            DateTime = dateTime,
            Subjects = subjects,
            Namespaces = prefixes.Zip(uris).Select(p => new CpimNamespace(p.First, p.Second)).ToArray(),
            Require = require,
            Extensions = extensions,
            MimeHeaders = [new MimeHeader("Content-Type", contentType), .. mime],
            Content = content,
        };

    private static Gen<CpimHeader> Extension(CpimNamespace[] namespaces) =>
        from ns in namespaces.Length == 0
            ? Gen.Constant<CpimNamespace?>(null)
            : Gen.OneOf(Gen.Constant<CpimNamespace?>(null), Gen.Elements(namespaces).Select(n => (CpimNamespace?)n))
        from name in Name
        from value in Text
        from parameters in Few(Parameter, 2)
        select new CpimHeader(ns?.Prefix, name, ns?.Uri ?? CpimMessage.DefaultNamespace, value) { Parameters = parameters };
}
