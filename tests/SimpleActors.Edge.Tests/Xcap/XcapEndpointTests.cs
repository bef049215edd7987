using SimpleActors.Edge.Xcap;
using SimpleActors.Xcap;
using SimpleActors.Xcap.Usages;

namespace SimpleActors.Edge.Tests.Xcap;

/// <summary>Who may do what under the XCAP root (RFC 4825 section 5.7), with the application usages the server has.</summary>
public sealed class XcapEndpointTests
{
    private const string Alice = "sip:alice@example.com";
    private const string Bob = "sip:bob@example.com";

    private static IApplicationUsage Usage(string auid) => ApplicationUsages.Find(auid) ?? throw new InvalidOperationException($"no usage {auid}");

    private static (int Status, string Reason, string? Allow)? Refusal(string auid, string? xui, string user, string method = "GET") =>
        XcapEndpoint.Refusal(new XcapDocumentSelector(auid, xui, "index"), Usage(auid), user, method);

    [Theory]
    [InlineData("resource-lists", "GET")]
    [InlineData("resource-lists", "PUT")]
    [InlineData("resource-lists", "DELETE")]
    [InlineData("pres-rules", "PUT")]
    [InlineData("org.openmobilealliance.pres-rules", "PUT")]
    [InlineData("pidf-manipulation", "DELETE")]
    [InlineData("rls-services", "PUT")]
    public void A_user_may_read_and_write_its_own_tree(string auid, string method)
    {
        Assert.Null(Refusal(auid, Alice, Alice, method));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    public void Another_users_tree_is_forbidden(string method)
    {
        var refusal = Refusal("resource-lists", Bob, Alice, method);

        Assert.Equal(403, refusal?.Status);
        Assert.Null(refusal?.Allow);
    }

    [Theory]
    [InlineData("sip:alice@EXAMPLE.com")]
    [InlineData("sip:alice@Example.Com")]
    public void A_xui_with_the_host_in_another_case_is_the_same_user(string xui)
    {
        Assert.Null(Refusal("resource-lists", xui, Alice, "PUT"));
        Assert.True(XcapEndpoint.SameUser(xui, Alice));
        Assert.True(XcapEndpoint.SameUser(Alice, xui));
    }

    [Theory]
    [InlineData("sip:Alice@example.com")]
    [InlineData("sips:alice@example.com")]
    [InlineData("sip:alice@example.org")]
    [InlineData("tel:+15550100")]
    [InlineData("alice@example.com")]
    [InlineData("sip:example.com")]
    public void A_xui_with_another_user_part_scheme_or_domain_is_another_user(string xui)
    {
        Assert.False(XcapEndpoint.SameUser(xui, Alice));
        Assert.Equal(403, Refusal("resource-lists", xui, Alice)?.Status);
    }

    [Theory]
    [InlineData("resource-lists")]
    [InlineData("pres-rules")]
    [InlineData("pidf-manipulation")]
    [InlineData("org.openmobilealliance.xcap-directory")]
    public void The_global_tree_of_a_usage_that_has_none_is_not_found(string auid)
    {
        Assert.Equal(GlobalAccess.None, Usage(auid).GlobalTree);

        Assert.Equal(404, Refusal(auid, null, Alice)?.Status);
    }

    [Fact]
    public void The_global_tree_kept_for_the_servers_own_services_is_forbidden_to_users()
    {
        Assert.Equal(GlobalAccess.ReadByPrivileged, Usage("rls-services").GlobalTree);

        Assert.Equal(403, Refusal("rls-services", null, Alice)?.Status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public void The_global_tree_everybody_reads_may_be_read(string method)
    {
        Assert.Equal(GlobalAccess.ReadByAll, Usage("xcap-caps").GlobalTree);

        Assert.Null(Refusal("xcap-caps", null, Alice, method));
    }

    [Fact]
    public void A_users_tree_of_a_usage_with_none_is_not_found_even_for_its_user()
    {
        Assert.False(Usage("xcap-caps").AllowsUserTree);

        Assert.Equal(404, Refusal("xcap-caps", Alice, Alice)?.Status);
    }

    [Theory]
    [InlineData("xcap-caps", null, "GET")]
    [InlineData("xcap-caps", null, "HEAD")]
    [InlineData("org.openmobilealliance.xcap-directory", Alice, "GET")]
    [InlineData("org.openmobilealliance.xcap-directory", Alice, "HEAD")]
    public void A_document_the_server_writes_may_be_read(string auid, string? xui, string method)
    {
        Assert.True(Usage(auid).ServerWritten);

        Assert.Null(Refusal(auid, xui, Alice, method));
    }

    [Theory]
    [InlineData("xcap-caps", null, "PUT")]
    [InlineData("xcap-caps", null, "DELETE")]
    [InlineData("org.openmobilealliance.xcap-directory", Alice, "PUT")]
    [InlineData("org.openmobilealliance.xcap-directory", Alice, "DELETE")]
    [InlineData("org.openmobilealliance.xcap-directory", Alice, "POST")]
    public void A_document_the_server_writes_is_not_written_by_clients_405_with_the_methods_allowed(string auid, string? xui, string method)
    {
        var refusal = Refusal(auid, xui, Alice, method);

        Assert.Equal(405, refusal?.Status);
        Assert.Equal("GET, HEAD", refusal?.Allow);
    }

    [Fact]
    public void Another_users_directory_is_forbidden_before_its_methods_are_considered()
    {
        Assert.Equal(403, Refusal("org.openmobilealliance.xcap-directory", Bob, Alice, "PUT")?.Status);
    }
}
