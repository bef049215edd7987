using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace SimpleActors.Integration.Tests.Xcap;

/// <summary>
/// Bad input cannot hurt the XCAP server (docs/reliability.md): against a node with the shipped limits, authenticated as
/// alice with HTTP digest (.NET's HttpClient answers the 401 itself), hostile bodies PUT into her resource-lists document
/// and malformed request URIs each get the 4xx that RFC 4825 or our limits name, never a 5xx and never a hang; a flood of
/// them in parallel changes nothing either. After each batch the node still serves XCAP (a PUT and GET of a good
/// document) and SIP (OPTIONS and REGISTER over UDP).
/// </summary>
public sealed class XcapHostileInputTests : IAsyncLifetime
{
    private const string Alice = "sip:alice@example.com";
    private const string ListsType = "application/resource-lists+xml";
    private const string ListsNamespace = "urn:ietf:params:xml:ns:resource-lists";
    private const string Document = $"resource-lists/users/{Alice}/index";

    /// <summary>Each request must be answered in this time: a refusal is immediate, this only keeps a hang from passing.</summary>
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(20);

    private static readonly string GoodDocument =
        $"""<?xml version="1.0" encoding="UTF-8"?><resource-lists xmlns="{ListsNamespace}"><list name="friends"><entry uri="sip:bob@example.com"/><entry uri="sip:carol@example.com"/></list></resource-lists>""";

    private static readonly string BillionLaughs = $"""
        <?xml version="1.0"?>
        <!DOCTYPE lolz [
          <!ENTITY lol "lol">
          <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
          <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
          <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
          <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
          <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
          <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
          <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
          <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
        ]>
        <resource-lists xmlns="{ListsNamespace}"><list name="&lol9;"/></resource-lists>
        """;

    private static readonly string ExternalEntity = $"""
        <?xml version="1.0"?>
        <!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
        <resource-lists xmlns="{ListsNamespace}"><list name="&xxe;"/></resource-lists>
        """;

    private static readonly string XInclude = $"""
        <resource-lists xmlns="{ListsNamespace}" xmlns:xi="http://www.w3.org/2001/XInclude">
          <xi:include href="file:///etc/passwd" parse="text"/>
        </resource-lists>
        """;

    private TestNode node = null!;
    private HttpClient alice = null!;
    private Uri root = null!;

    public async Task InitializeAsync()
    {
        node = await TestNode.StartAsync();
        root = node.Edge.XcapRoots[0];
        alice = Client("alice", TestNode.Passwords[Alice]);
    }

    public async Task DisposeAsync()
    {
        alice.Dispose();
        await node.DisposeAsync();
    }

    [Fact]
    public async Task Hostile_bodies_are_refused_with_the_rfcs_4xx_and_the_node_still_serves()
    {
        Assert.Equal(201, (await PutAsync(Document, ListsType, GoodDocument)).Status);
        var deep = $"<resource-lists xmlns=\"{ListsNamespace}\">" + string.Concat(Enumerable.Repeat("<list>", 19_999))
            + string.Concat(Enumerable.Repeat("</list>", 19_999)) + "</resource-lists>";
        var wide = $"<resource-lists xmlns=\"{ListsNamespace}\"><list name=\"l\" "
            + string.Join(' ', Enumerable.Range(0, 100).Select(i => $"a{i}=\"{i}\"")) + "/></resource-lists>";
        var twoMegabytes = $"<resource-lists xmlns=\"{ListsNamespace}\"><!--" + new string('x', 2 * 1024 * 1024) + "--></resource-lists>";

        var billionLaughs = await PutAsync(Document, ListsType, BillionLaughs);
        var externalEntity = await PutAsync(Document, ListsType, ExternalEntity);
        var xinclude = await PutAsync(Document, ListsType, XInclude);
        var nested = await PutAsync(Document, ListsType, deep);
        var large = await PutAsync(Document, ListsType, twoMegabytes);
        var largeChunked = await SendAsync(HttpMethod.Put, Document, new ChunkedContent(Encoding.UTF8.GetBytes(twoMegabytes), ListsType));
        var utf16 = await SendAsync(HttpMethod.Put, Document, Content(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(GoodDocument.Replace("UTF-8", "UTF-16", StringComparison.Ordinal))).ToArray(), ListsType));
        var attributes = await PutAsync(Document, ListsType, wide);
        var element = await PutAsync($"{Document}/~~/resource-lists/list%5B@name=%22friends%22%5D/entry%5B3%5D", "application/xcap-el+xml", ExternalEntity);

        // RFC 4825 section 11: a body that cannot be a document is a 409 naming the reason; sizes past our limits are 413.
        AssertConflict(billionLaughs, "<not-well-formed phrase=\"DTDs are not allowed\"");
        AssertConflict(externalEntity, "<not-well-formed phrase=\"DTDs are not allowed\"");
        Assert.DoesNotContain("root:", externalEntity.Body, StringComparison.Ordinal);
        AssertConflict(xinclude, "<constraint-failure");
        Assert.Equal(413, nested.Status);
        Assert.Equal(413, large.Status);
        Assert.Equal(413, largeChunked.Status);
        AssertConflict(utf16, "<not-utf-8");
        Assert.Equal(413, attributes.Status);
        AssertConflict(element, "<not-xml-frag");
        var stored = await GetAsync(Document);
        Assert.Equal(200, stored.Status);
        Assert.Equal(GoodDocument, stored.Body);
        await AssertServingAsync();
    }

    [Fact]
    public async Task Malformed_request_uris_are_refused_with_400_404_or_414_and_the_node_still_serves()
    {
        Assert.Equal(201, (await PutAsync(Document, ListsType, GoodDocument)).Status);
        var selector = $"{Document}/~~/resource-lists/list";

        // RFC 4825 section 6.3: a node selector that does not parse is 400.
        Assert.Equal(400, (await GetAsync($"{selector}%5B@name=%22friends%22")).Status);
        Assert.Equal(400, (await GetAsync($"{selector}%5D%5D%5B%5B")).Status);
        Assert.Equal(400, (await GetAsync($"{Document}/~~/")).Status);
        Assert.Equal(400, (await GetAsync($"{Document}/~~/~~/!!%7B%7D$$")).Status);
        Assert.Equal(400, (await GetAsync($"{Document}/~~/resource-lists/list/@")).Status);

        // Section 6.4: a prefix no xmlns() part binds, or a malformed xmlns() part, is 400.
        Assert.Equal(400, (await GetAsync($"{Document}/~~/p:resource-lists")).Status);
        Assert.Equal(400, (await GetAsync($"{Document}/~~/p:resource-lists?xmlns(p=urn:x")).Status);
        Assert.Equal(400, (await GetAsync($"{Document}/~~/p:resource-lists?garbage")).Status);

        // Percent-encoding that decodes to nothing is 400, in the node selector and in the document selector (XcapUri).
        var badEscape = await GetAsync($"{selector}%zz");
        Assert.Equal(400, badEscape.Status);
        Assert.Equal("bad percent-encoding in the node selector\n", badEscape.Body);
        Assert.Equal(400, (await GetAsync($"{Document}%zz")).Status);

        // A NUL (%00) anywhere in the path is refused by Kestrel before the XCAP code runs (400, no body): no document
        // can be named with one.
        Assert.Equal(400, (await GetAsync($"{selector}%00")).Status);
        Assert.Equal(400, (await GetAsync($"resource-lists/users/{Alice}/in%00dex")).Status);
        Assert.Equal(400, (await SendAsync(HttpMethod.Put, $"resource-lists/users/{Alice}/in%00dex", Content(Encoding.UTF8.GetBytes(GoodDocument), ListsType))).Status);

        // A document selector that names no document: 404 (section 6.2).
        Assert.Equal(404, (await GetAsync($"resource-lists/users/{Alice}")).Status);
        Assert.Equal(404, (await GetAsync($"resource-lists/users/{Alice}/..")).Status);
        Assert.Equal(404, (await GetAsync($"resource-lists/nobody/{Alice}/index")).Status);

        // A 10 KB request target is 414, from Kestrel's request line limit or ours.
        Assert.Equal(414, (await GetAsync($"{selector}%5B@name=%22{new string('a', 10 * 1024)}%22%5D")).Status);

        // Section 8.3: a selector matching several elements is 404 for GET and DELETE.
        Assert.Equal(404, (await GetAsync($"{selector}/entry")).Status);
        Assert.Equal(404, (await SendAsync(HttpMethod.Delete, $"{selector}/entry", null)).Status);

        await AssertServingAsync();
    }

    [Fact]
    public async Task Two_hundred_hostile_requests_in_parallel_leave_the_node_serving()
    {
        Assert.Equal(201, (await PutAsync(Document, ListsType, GoodDocument)).Status);
        var hostile = new Func<Task<Answer>>[]
        {
            () => PutAsync(Document, ListsType, BillionLaughs),
            () => PutAsync(Document, ListsType, ExternalEntity),
            () => PutAsync(Document, ListsType, XInclude),
            () => GetAsync($"{Document}/~~/resource-lists/list%5B@name=%22friends%22"),
            () => GetAsync($"{Document}/~~/p:resource-lists"),
            () => GetAsync($"{Document}/~~/resource-lists/list%zz"),
            () => GetAsync($"{Document}/~~/resource-lists/list/entry"),
            () => PutAsync($"{Document}/~~/resource-lists/list/entry%5B@uri=%22sip:dave@example.com%22%5D", "application/xcap-el+xml", "<entry"),
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => hostile[i % hostile.Length]())));

        Assert.All(answers, a => Assert.InRange(a.Status, 400, 499));
        var stored = await GetAsync(Document);
        Assert.Equal(200, stored.Status);
        Assert.Equal(GoodDocument, stored.Body);
        await AssertServingAsync();
    }

    private sealed record Answer(int Status, string? ContentType, string Body);

    // A node that still serves: XCAP writes and reads a document, SIP answers OPTIONS and REGISTER.
    private async Task AssertServingAsync()
    {
        var list = $"{Document}/~~/resource-lists/list%5B@name=%22after%22%5D";
        var put = await PutAsync(list, "application/xcap-el+xml", "<list name=\"after\"><entry uri=\"sip:dave@example.com\"/></list>");
        var get = await GetAsync(list);
        await using var phone = TestPhone.Udp(Alice, node.Udp);
        var options = await phone.RequestAsync("OPTIONS", "sip:example.com", "<sip:example.com>");
        var register = await phone.RegisterAsync(TestNode.Passwords[Alice]);

        Assert.Equal(201, put.Status);
        Assert.Equal(200, get.Status);
        Assert.Equal("<list name=\"after\"><entry uri=\"sip:dave@example.com\"/></list>", get.Body);
        Assert.Equal(200, options.StatusCode);
        Assert.Equal(200, register.StatusCode);
    }

    private static void AssertConflict(Answer answer, string element)
    {
        Assert.Equal(409, answer.Status);
        Assert.Equal("application/xcap-error+xml", answer.ContentType);
        Assert.Contains(element, answer.Body, StringComparison.Ordinal);
    }

    private Task<Answer> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    private Task<Answer> PutAsync(string path, string contentType, string body) =>
        SendAsync(HttpMethod.Put, path, Content(Encoding.UTF8.GetBytes(body), contentType));

    // The path is sent as written: no canonicalization, so %zz, %00 and brackets reach the server.
    private async Task<Answer> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        var uri = new Uri(root.ToString().TrimEnd('/') + "/" + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
        using var request = new HttpRequestMessage(method, uri) { Content = content };

        // As clients send large bodies (RFC 9110 section 10.1.1): the server answers 401 or 413 before the body is sent,
        // instead of closing the connection under a client still writing it.
        request.Headers.ExpectContinue = content is not null;
        using var timeout = new CancellationTokenSource(AnswerWithin);
        using var response = await alice.SendAsync(request, timeout.Token);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{method} {path[..Math.Min(path.Length, 120)]} answered {status}: {body}");
        return new Answer(status, response.Content.Headers.ContentType?.MediaType, body);
    }

    private static HttpClient Client(string user, string password) =>
        new(new HttpClientHandler { Credentials = new NetworkCredential(user, password), UseCookies = false }) { Timeout = AnswerWithin };

    private static ByteArrayContent Content(byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>A body sent chunked (no Content-Length), written again for the request that answers the digest challenge.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] body;

        public ChunkedContent(byte[] body, string contentType)
        {
            this.body = body;
            Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
