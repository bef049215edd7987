using SimpleActors.Xcap.Errors;

namespace SimpleActors.Xcap.Tests.Operations;

/// <summary>
/// A resource-lists walk-through in the manner of RFC 4825 section 13 (Examples): Joe creates his buddy list, adds an entry,
/// reads an element, an attribute and the namespace bindings, renames a display name, fails to insert under a list that
/// does not exist, and deletes an entry. URIs are percent-encoded as a client sends them.
/// </summary>
public sealed class ResourceListsWalkThroughTests
{
    // RFC 4825 section 13 (the document Joe PUTs; reformatted only by the C# raw string).
    private const string Initial = """
        <?xml version="1.0" encoding="UTF-8"?>
        <resource-lists xmlns="urn:ietf:params:xml:ns:resource-lists">
          <list name="friends">
            <entry uri="sip:bill@example.com">
              <display-name>Bill Doe</display-name>
            </entry>
            <entry uri="sip:joe@example.com">
              <display-name>Joe Smith</display-name>
            </entry>
            <entry uri="sip:nancy@example.com">
              <display-name>Nancy Gross</display-name>
            </entry>
          </list>
        </resource-lists>
        """;

    [Fact]
    public void Joe_manages_his_buddy_list_through_xcap()
    {
        var server = new XcapServer(TestUsage.ResourceLists());

        // PUT the document: 201 with its ETag.
        var created = server.PutDocument(Initial);
        Assert.Equal(201, created.StatusCode);
        Assert.Equal("e1", created.ETag);

        // PUT a new entry at the end of the list.
        const string amy = "<entry uri=\"sip:amy@example.com\">\n      <display-name>Amy</display-name>\n    </entry>";
        var added = server.PutElement("resource-lists/list[@name=\"friends\"]/entry[@uri=\"sip:amy@example.com\"]", amy);
        Assert.Equal(201, added.StatusCode);
        Assert.Equal("e2", added.ETag);
        Assert.Contains("</entry>" + amy + "\n  </list>", server.Text, StringComparison.Ordinal);

        // GET the element, then its display name by position.
        var bill = server.Get("resource-lists/list[@name=\"friends\"]/entry[1]");
        Assert.Equal("<entry uri=\"sip:bill@example.com\">\n      <display-name>Bill Doe</display-name>\n    </entry>", bill.BodyText());
        Assert.Equal("e2", bill.ETag);
        Assert.Equal("<display-name>Amy</display-name>", server.Get("resource-lists/list/entry[4]/display-name").BodyText());

        // GET an attribute.
        var name = server.Get("resource-lists/list/@name");
        Assert.Equal("application/xcap-att+xml", name.ContentType);
        Assert.Equal("friends", name.BodyText());

        // GET the namespace bindings of the list.
        var bindings = server.Get("resource-lists/list/namespace::*");
        Assert.Equal("application/xcap-ns+xml", bindings.ContentType);
        Assert.Equal("<list xmlns=\"urn:ietf:params:xml:ns:resource-lists\"/>", bindings.BodyText());

        // Replace Bill's display name: 200 and a new ETag.
        var renamed = server.PutElement("resource-lists/list/entry[@uri=\"sip:bill@example.com\"]/display-name", "<display-name>William Doe</display-name>");
        Assert.Equal(200, renamed.StatusCode);
        Assert.Equal("e3", renamed.ETag);

        // An entry under a list that does not exist: no-parent, naming the closest ancestor.
        var orphan = server.PutElement("resource-lists/list[@name=\"enemies\"]/entry[@uri=\"sip:x@example.com\"]", "<entry uri=\"sip:x@example.com\"/>");
        Assert.Equal(409, orphan.StatusCode);
        Assert.Equal(XcapErrorKind.NoParent, orphan.Error?.Kind);
        Assert.Equal("http://xcap.example.com/xcap-root/resource-lists/users/sip:joe@example.com/index/~~/resource-lists", orphan.Error?.Ancestor);

        // DELETE Nancy.
        var deleted = server.Delete("resource-lists/list/entry[@uri=\"sip:nancy@example.com\"]");
        Assert.Equal(200, deleted.StatusCode);
        Assert.Equal("e4", deleted.ETag);
        Assert.Equal(404, server.Get("resource-lists/list/entry[@uri=\"sip:nancy@example.com\"]").StatusCode);
        Assert.DoesNotContain("Nancy", server.Text, StringComparison.Ordinal);
        Assert.Contains("<display-name>William Doe</display-name>", server.Text, StringComparison.Ordinal);
    }
}
