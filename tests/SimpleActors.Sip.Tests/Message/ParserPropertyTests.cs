using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;

namespace SimpleActors.Sip.Tests.Message;

public class ParserPropertyTests
{
    private static readonly Func<string, object>[] Parsers =
    [
        s => SipUri.Parse(s),
        s => NameAddress.Parse(s),
        s => ContactValue.Parse(s),
        s => ContactValue.ParseList(s),
        s => ViaHeader.Parse(s),
        s => CSeqHeader.Parse(s),
        s => EventHeader.Parse(s),
        s => SubscriptionStateHeader.Parse(s),
        s => MediaType.Parse(s),
        s => MediaType.ParseList(s),
        s => AuthChallenge.Parse(s),
        s => AuthCredentials.Parse(s),
        s => GenericParameters.Parse(s),
        s => HeaderValueList.Split(s),
        s => HeaderValueList.ParseTokens(s),
        s => SipToken.Unquote(s),
    ];

    // Characters that drive the scanners into their interesting branches.
    private const string GrammarAlphabet = "sipSIPtelabcz019:;@=<>\"\\,.?&/[]%*+- \t!~'()#{}Aaf\u00e9\u0001";

    private static Gen<string> GrammarString =>
        Gen.Elements(GrammarAlphabet.ToCharArray()).ArrayOf().Select(a => new string(a));

    private static Gen<string> UriLikeString =>
        from prefix in Gen.Elements("sip:", "sips:", "SIP:", "tel:", "<sip:", "\"x\" <sip:", "SIP/2.0/UDP ", "Digest ", "1 ", "")
        from body in GrammarString
        select prefix + body;

    [Property(MaxTest = 300)]
    public bool Every_parser_accepts_or_throws_SipParseException_for_arbitrary_strings(NonNull<string> input) =>
        OnlyParseExceptions(input.Get);

    [Property(MaxTest = 1000)]
    public Property Every_parser_accepts_or_throws_SipParseException_for_grammar_like_strings() =>
        Prop.ForAll(Arb.From(UriLikeString), OnlyParseExceptions);

    [Property(MaxTest = 1000)]
    public Property An_empty_list_check_agrees_with_split() =>
        Prop.ForAll(Arb.From(Gen.Elements(",", " ", "\t", "<", ">", "\"", "a", "\r").ArrayOf().Select(c => string.Concat(c))), text =>
        {
            try
            {
                return (HeaderValueList.Split(text).Count == 0) == HeaderValueList.IsEmptyList(text);
            }
            catch (SipParseException)
            {
                return !HeaderValueList.IsEmptyList(text); // unbalanced quotes or brackets are never an empty list
            }
        });

    [Property(MaxTest = 500)]
    public Property Parsing_a_printed_sip_uri_gives_an_equivalent_uri() =>
        Prop.ForAll(Arb.From(SipUriGenerators.ValidUriText), text =>
        {
            var uri = SipUri.Parse(text);
            var printed = uri.ToString();
            var reparsed = SipUri.Parse(printed);
            return reparsed.Equivalent(uri) && uri.Equivalent(reparsed) && reparsed.ToString() == printed
                && SipUri.Parse(uri.AorString).Equivalent(uri.ToAor());
        });

    [Property(MaxTest = 500)]
    public Property Parsing_a_printed_name_address_gives_the_same_address() =>
        Prop.ForAll(Arb.From(SipUriGenerators.ValidNameAddressText), text =>
        {
            var address = NameAddress.Parse(text);
            var printed = address.ToString();
            var reparsed = NameAddress.Parse(printed);
            return reparsed.DisplayName == address.DisplayName
                && reparsed.Uri.Equivalent(address.Uri)
                && reparsed.Parameters.ToString() == address.Parameters.ToString()
                && reparsed.ToString() == printed;
        });

    [Property(MaxTest = 300)]
    public Property Quote_and_unquote_are_inverse() =>
        Prop.ForAll(Arb.From(SipUriGenerators.DisplayName), text => SipToken.Unquote(SipToken.Quote(text)) == text);

    private static bool OnlyParseExceptions(string input)
    {
        foreach (var parse in Parsers)
        {
            try
            {
                parse(input);
            }
            catch (SipParseException)
            {
            }
        }

        return true;
    }
}
