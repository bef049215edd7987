using System.Text;
using SimpleActors.Sip.Message;
using SimpleActors.Sip.Parsing;
using static SimpleActors.Sip.Tests.Vectors.TortureVector;

namespace SimpleActors.Sip.Tests.Vectors;

/// <summary>RFC 4475, one test per message: valid ones parse and read as the RFC describes; invalid ones get the fitting status.</summary>
public class Rfc4475TortureTests
{
    [Fact]
    public void Every_vector_file_is_covered_by_a_test()
    {
        var covered = typeof(Rfc4475TortureTests).GetMethods()
            .Select(m => m.Name.Split('_')[0])
            .Concat(InvalidMessages.Select(row => (string)row[0]))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

        var uncovered = Rfc4475Names().Where(name => !covered.Contains(name)).ToList();
        Assert.True(uncovered.Count == 0, "no test for " + string.Join(", ", uncovered));
        Assert.Equal(50, Rfc4475Names().Count());
    }

    // 3.1.1.1
    [Fact]
    public void Wsinv_short_tortuous_invite_parses_with_folding_compact_forms_and_odd_whitespace()
    {
        var request = Accepted<SipRequest>(Rfc4475("wsinv"));

        Assert.Equal("INVITE", request.Method);
        Assert.Equal("sip:vivekg@chair-dnrc.example.com;unknownparam", request.RequestUriText);
        Assert.True(request.RequestUri.Parameters.Contains("unknownparam"));
        Assert.Equal("1918181833n", request.To!.Tag);
        Assert.Equal("J Rosenberg \\\"", request.From!.DisplayName);
        Assert.Equal("98asjd8", request.From.Tag);
        Assert.Equal(68, request.MaxForwards);
        Assert.Equal("wsinv.ndaksdj@192.0.2.1", request.CallId);
        Assert.Equal(9u, request.CSeq!.Number);
        Assert.Equal("INVITE", request.CSeq.Method);
        Assert.Equal(
            [("UDP", "192.0.2.2", "390skdjuw"), ("TCP", "spindle.example.com", "z9hG4bK9ikj8"), ("UDP", "192.168.255.111", "z9hG4bK30239")],
            request.Vias.Select(v => (v.Transport, v.Host, v.Branch)));
        var contact = Assert.Single(request.Contacts);
        Assert.Equal("Quoted string \"\"", contact.Address!.DisplayName);
        Assert.Equal("newvalue", contact.Address.Parameters["newparam"]);
        Assert.True(contact.Address.Parameters.Contains("secondparam"));
        Assert.Equal(0.33m, contact.Q);
        Assert.True(Assert.Single(request.Routes).Uri.IsLooseRouting);
        Assert.Equal(string.Empty, request.Headers.GetFirstValue(KnownHeader.Subject));
        Assert.Equal("newfangled value   continued newfangled value", request.Headers.GetFirstValue("NewFangledHeader"));
        Assert.Equal(";;,,;;,;", request.Headers.GetFirstValue("UnknownHeaderWithUnusualValue"));
        Assert.Equal("application/sdp", request.ContentType!.Essence);
        Assert.Equal(150, request.Body.Length);
    }

    // 3.1.1.2
    [Fact]
    public void Intmeth_unknown_method_and_wide_characters_parse()
    {
        var request = Accepted<SipRequest>(Rfc4475("intmeth"));

        Assert.Equal("!interesting-Method0123456789_*+`.%indeed'~", request.Method);
        Assert.False(SipMethod.IsKnown(request.Method));
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Equal("1_unusual.URI~(to-be!sure)&isn't+it$/crazy?,/;;*", request.RequestUri.User);
        Assert.Equal("&it+has=1,weird!*pas$wo~d_too.(doesn't-it)", request.RequestUri.Password);
        Assert.Equal("z9hG4bK-.!%66*_+`'~", request.TopVia!.Branch);
        Assert.Equal("BEL:\a NUL:\0 DEL:\u007F", request.To!.DisplayName);
        Assert.Equal("_token~1'+`*%!-.", request.From!.Tag);
        Assert.Equal("intmeth.word%ZK-!.*_+'@word`~)(><:\\/\"][?}{", request.CallId);
        Assert.Equal(139122385u, request.CSeq!.Number);
        Assert.Equal(255, request.MaxForwards);
        Assert.Equal("\uFEFF\u5927\u505C\u96FB", request.Headers.GetFirstValue("extensionHeader-!.%*+_`'~"));
    }

    // 3.1.1.3
    [Fact]
    public void Esc01_escaped_uris_compare_unescaped()
    {
        var request = Accepted<SipRequest>(Rfc4475("esc01"));

        Assert.Equal("sips:user@example.com", request.RequestUri.User);
        Assert.Equal("example.net", request.RequestUri.Host);
        Assert.True(request.To!.Uri.Equivalent(SipUri.Parse("sip:user@example.com")));
        Assert.Equal("I have spaces", request.From!.Uri.User);
        var contact = Assert.Single(request.Contacts).Address!.Uri;
        Assert.True(contact.Equivalent(SipUri.Parse("sip:caller@host5.example.net;lr;name=value%2541")));
    }

    // 3.1.1.4
    [Fact]
    public void Escnull_escaped_nul_in_user_part_is_kept()
    {
        var request = Accepted<SipRequest>(Rfc4475("escnull"));

        Assert.Equal("null-\0-null", request.To!.Uri.User);
        Assert.Equal(["\0", "\0\0"], request.Contacts.Select(c => c.Address!.Uri.User));
    }

    // 3.1.1.5
    [Fact]
    public void Esc02_percent_in_method_is_not_an_escape()
    {
        var request = Accepted<SipRequest>(Rfc4475("esc02"));

        Assert.Equal("RE%47IST%45R", request.Method);
        Assert.NotEqual(SipMethod.Register, request.Method);
        Assert.Equal("%Z%45", request.To!.DisplayName);
        Assert.Equal(2, request.Contacts.Count); // "C%6Fntact" is another header, not Contact
        Assert.Equal("<sip:alias2@host2.example.com>", request.Headers.GetFirstValue("C%6Fntact"));
    }

    // 3.1.1.6
    [Fact]
    public void Lwsdisp_display_name_without_space_before_angle_bracket()
    {
        var request = Accepted<SipRequest>(Rfc4475("lwsdisp"));

        Assert.Equal("caller", request.From!.DisplayName);
        Assert.Equal("sip:caller@example.com", request.From.Uri.ToString());
    }

    // 3.1.1.7
    [Fact]
    public void Longreq_long_values_and_many_vias_parse()
    {
        var request = Accepted<SipRequest>(Rfc4475("longreq"));

        Assert.Equal(34, request.Vias.Count);
        Assert.Equal("sip33.example.com", request.TopVia!.Host);
        Assert.StartsWith("I have a user name of extremeextreme", request.To!.DisplayName, StringComparison.Ordinal);
        Assert.True(request.Headers.CountOf(KnownHeader.Unknown) >= 1);
        Assert.Equal(request.DeclaredContentLength, request.Body.Length);
    }

    // 3.1.1.8
    [Fact]
    public void Dblreq_trailing_octets_in_a_datagram_are_discarded()
    {
        var request = Accepted<SipRequest>(Rfc4475("dblreq"));

        Assert.Equal("REGISTER", request.Method);
        Assert.Equal(0, request.Body.Length);
        Assert.Equal("dblreq.0ha0isndaksdj99sdfafnl3lk233412", request.CallId);
    }

    // 3.1.1.9
    [Fact]
    public void Semiuri_semicolons_in_the_user_part_belong_to_the_user()
    {
        var request = Accepted<SipRequest>(Rfc4475("semiuri"));

        Assert.Equal("user;par=u@example.net", request.RequestUri.User);
        Assert.Equal("example.com", request.RequestUri.Host);
        Assert.Empty(request.RequestUri.Parameters);
        Assert.Equal(6, request.Accept.Count);
    }

    // 3.1.1.10
    [Fact]
    public void Transports_unknown_via_transports_parse()
    {
        var request = Accepted<SipRequest>(Rfc4475("transports"));

        Assert.Equal(["UDP", "SCTP", "TLS", "UNKNOWN", "TCP"], request.Vias.Select(v => v.Transport));
    }

    // 3.1.1.11
    [Fact]
    public void Mpart01_binary_multipart_body_is_kept_byte_for_byte()
    {
        var bytes = Rfc4475("mpart01");
        var request = Accepted<SipRequest>(bytes);

        Assert.Equal("multipart/mixed", request.ContentType!.Essence);
        Assert.Equal("7a9cbec02ceef655", request.ContentType.Parameters["boundary"]);
        Assert.Equal(request.DeclaredContentLength, request.Body.Length);
        Assert.Contains((byte)0, request.Body.ToArray());
        Assert.True(bytes.AsSpan().EndsWith(request.Body.Span));
    }

    // 3.1.1.12
    [Fact]
    public void Unreason_utf8_reason_phrase_is_read()
    {
        var response = Accepted<SipResponse>(Rfc4475("unreason"));

        Assert.Equal(200, response.StatusCode);
        Assert.StartsWith("= 2**3 * 5**2 \u043d\u043e", response.ReasonPhrase, StringComparison.Ordinal);
    }

    // 3.1.1.13
    [Fact]
    public void Noreason_empty_reason_phrase_is_valid()
    {
        var response = Accepted<SipResponse>(Rfc4475("noreason"));

        Assert.Equal(100, response.StatusCode);
        Assert.Equal(string.Empty, response.ReasonPhrase);
    }

    // 3.2.1
    [Fact]
    public void Badbranch_branch_without_cookie_suffix_is_accepted()
    {
        var request = Accepted<SipRequest>(Rfc4475("badbranch"));

        Assert.Equal("z9hG4bK", request.TopVia!.Branch);
    }

    // 3.3.2
    [Fact]
    public void Unkscm_unknown_request_uri_scheme_parses_for_the_router_to_answer_416()
    {
        var request = Accepted<SipRequest>(Rfc4475("unkscm"));

        Assert.False(request.RequestUri.IsSip);
        Assert.Equal("nobodyknowsthisscheme", request.RequestUri.Scheme.ToLowerInvariant());
    }

    // 3.3.3
    [Fact]
    public void Novelsc_atypical_request_uri_scheme_parses_for_the_router_to_answer_416()
    {
        var request = Accepted<SipRequest>(Rfc4475("novelsc"));

        Assert.False(request.RequestUri.IsSip);
        Assert.Equal("soap.beep://192.0.2.103:3002", request.RequestUri.AbsoluteUri);
    }

    // 3.3.4
    [Fact]
    public void Unksm2_unknown_schemes_in_header_fields_are_accepted()
    {
        var request = Accepted<SipRequest>(Rfc4475("unksm2"));

        Assert.False(request.To!.Uri.IsSip);
        Assert.Equal("isbn:2983792873", request.To.Uri.AbsoluteUri);
        Assert.Equal("http://www.example.com", request.From!.Uri.AbsoluteUri);
        Assert.Equal("name:John_Smith", Assert.Single(request.Contacts).Address!.Uri.AbsoluteUri);
    }

    // 3.3.5
    [Fact]
    public void Bext01_require_and_proxy_require_tags_are_read_for_420()
    {
        var request = Accepted<SipRequest>(Rfc4475("bext01"));

        Assert.Equal(["nothingSupportsThis", "nothingSupportsThisEither"], request.Require);
        Assert.Equal(["noProxiesSupportThis", "norDoAnyProxiesSupportThis"], request.ProxyRequire);
    }

    // 3.3.6
    [Fact]
    public void Invut_unknown_content_type_is_read_for_415()
    {
        var request = Accepted<SipRequest>(Rfc4475("invut"));

        Assert.Equal("application/unknownformat", request.ContentType!.Essence);
        Assert.Equal(40, request.Body.Length);
    }

    // 3.3.7
    [Fact]
    public void Regaut01_unknown_authorization_scheme_parses_without_harm()
    {
        var request = Accepted<SipRequest>(Rfc4475("regaut01"));

        var credentials = Assert.Single(request.Authorization);
        Assert.Equal("NoOneKnowsThisScheme", credentials.Scheme);
        Assert.False(credentials.IsDigest);
    }

    // 3.3.10
    [Fact]
    public void Bcast_response_with_broadcast_via_parses()
    {
        var response = Accepted<SipResponse>(Rfc4475("bcast"));

        Assert.Equal("255.255.255.255", response.Vias[1].Host);
    }

    // 3.3.11
    [Fact]
    public void Zeromf_max_forwards_of_zero_is_valid()
    {
        var request = Accepted<SipRequest>(Rfc4475("zeromf"));

        Assert.Equal(0, request.MaxForwards);
    }

    // 3.3.12
    [Fact]
    public void Cparam01_parameter_after_unbracketed_contact_belongs_to_the_header()
    {
        var request = Accepted<SipRequest>(Rfc4475("cparam01"));

        var contact = Assert.Single(request.Contacts).Address!;
        Assert.True(contact.Parameters.Contains("unknownparam"));
        Assert.False(contact.Uri.Parameters.Contains("unknownparam"));
    }

    // 3.3.13
    [Fact]
    public void Cparam02_parameter_inside_brackets_belongs_to_the_uri()
    {
        var request = Accepted<SipRequest>(Rfc4475("cparam02"));

        var contact = Assert.Single(request.Contacts).Address!;
        Assert.True(contact.Uri.Parameters.Contains("unknownparam"));
        Assert.False(contact.Parameters.Contains("unknownparam"));
    }

    // 3.3.14
    [Fact]
    public void Regescrt_escaped_header_in_contact_uri_is_kept()
    {
        var request = Accepted<SipRequest>(Rfc4475("regescrt"));

        var header = Assert.Single(Assert.Single(request.Contacts).Address!.Uri.Headers);
        Assert.Equal("Route", header.Name);
    }

    // 3.3.15
    [Fact]
    public void Sdp01_accept_offering_nothing_usable_is_read_for_406()
    {
        var request = Accepted<SipRequest>(Rfc4475("sdp01"));

        Assert.Equal("text/nobodyKnowsThis", Assert.Single(request.Accept).Essence);
    }

    // 3.4.1
    [Fact]
    public void Inv2543_rfc2543_syntax_is_accepted()
    {
        var request = Accepted<SipRequest>(Rfc4475("inv2543"));

        Assert.Null(request.TopVia!.Branch);
        Assert.Null(request.From!.Tag);
        Assert.Null(request.MaxForwards);
        Assert.Null(request.DeclaredContentLength);
        Assert.True(request.Body.Length > 0);
        Assert.Equal("ss1.example.com", Assert.Single(request.RecordRoutes).Uri.Maddr);
    }

    // Appendix A's extra file: not classified by the RFC. Whatever it is, the parser answers it with a SIP status.
    [Fact]
    public void Test_unclassified_archive_file_gets_a_sip_answer_not_a_crash()
    {
        var (message, status, _) = Receive(Rfc4475("test"));

        // No SIP-Version on the request line: malformed.
        Assert.Null(message);
        Assert.Equal(400, status);
    }

    public static TheoryData<string, int> InvalidMessages => new()
    {
        { "badinv01", 400 },   // 3.1.2.1  extraneous separators in Via and Contact
        { "clerr", 400 },      // 3.1.2.2  Content-Length larger than the datagram
        { "ncl", 400 },        // 3.1.2.3  negative Content-Length
        { "scalar02", 400 },   // 3.1.2.4  CSeq, Max-Forwards, Expires overflow
        { "scalarlg", 400 },   // 3.1.2.5  response scalars overflow (dropped by a server)
        { "quotbal", 400 },    // 3.1.2.6  unterminated quoted string
        { "ltgtruri", 400 },   // 3.1.2.7  <> around the Request-URI
        { "lwsruri", 400 },    // 3.1.2.8  LWS inside the Request-URI
        { "lwsstart", 400 },   // 3.1.2.9  several SP between request-line elements
        { "trws", 400 },       // 3.1.2.10 SP at the end of the request line
        { "escruri", 400 },    // 3.1.2.11 escaped headers in the Request-URI
        { "baddate", 400 },    // 3.1.2.12 time zone other than GMT
        { "regbadct", 400 },   // 3.1.2.13 URI with '?' not enclosed in <>
        { "badaspec", 400 },   // 3.1.2.14 spaces inside addr-spec
        { "baddn", 400 },      // 3.1.2.15 non-token display name (and no empty line in the archive copy)
        { "badvers", 505 },    // 3.1.2.16 SIP/7.0
        { "mismatch01", 400 }, // 3.1.2.17 CSeq method differs from the request method
        { "mismatch02", 400 }, // 3.1.2.18 unknown method with CSeq mismatch (RFC allows 400)
        { "bigcode", 400 },    // 3.1.2.19 four-digit status code
        { "insuf", 400 },      // 3.3.1    To, From, Call-ID missing
        { "multi01", 400 },    // 3.3.8    several values in single-value fields
        { "mcl01", 400 },      // 3.3.9    two Content-Length values
    };

    [Theory]
    [MemberData(nameof(InvalidMessages))]
    public void Invalid_message_is_rejected_with_the_fitting_status(string name, int status)
    {
        var (message, actual, reason) = Receive(Rfc4475(name));

        Assert.Null(message);
        Assert.Equal(status, actual);
        Assert.False(string.IsNullOrWhiteSpace(reason));
    }

    [Fact]
    public void Baddn_with_its_empty_line_restored_is_still_rejected_for_the_display_name()
    {
        var bytes = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(Rfc4475("baddn")) + "\r\n");
        var (message, status, reason) = Receive(bytes);

        Assert.Null(message);
        Assert.Equal(400, status);
        Assert.Contains("From", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Clerr_over_a_stream_waits_for_the_missing_body()
    {
        var bytes = Rfc4475("clerr");
        var reader = new System.Buffers.SequenceReader<byte>(new System.Buffers.ReadOnlySequence<byte>(bytes));

        Assert.Equal(SipFrame.Incomplete, new SipParser().TryReadFrame(ref reader, out _));
    }
}
