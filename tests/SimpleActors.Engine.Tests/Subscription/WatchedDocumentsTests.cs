using SimpleActors.Engine.Subscription;

namespace SimpleActors.Engine.Tests.Subscription;

/// <summary>What an xcap-diff subscription watches (RFC 5875 section 4.2): documents, and folders of documents.</summary>
public sealed class WatchedDocumentsTests
{
    private const string Root = "http://xcap.example.com/xcap-root";
    private const string Lists = "resource-lists/users/sip:alice@example.com/index";
    private const string Rules = "pres-rules/users/sip:alice@example.com/index";

    [Fact]
    public void A_document_covers_itself_only()
    {
        var watched = new WatchedDocuments(Root, [Lists], null);

        Assert.True(watched.Covers(Lists));
        Assert.False(watched.Covers(Lists + "2"));
        Assert.False(watched.Covers("resource-lists/users/sip:alice@example.com/friends/index"));
        Assert.False(watched.Covers(Rules));
    }

    [Fact]
    public void A_folder_covers_every_document_below_it_at_any_depth()
    {
        var watched = new WatchedDocuments(Root, ["resource-lists/users/sip:alice@example.com/"], null);

        Assert.True(watched.Covers(Lists));
        Assert.True(watched.Covers("resource-lists/users/sip:alice@example.com/friends/work/index"));
        Assert.False(watched.Covers("resource-lists/users/sip:alice@example.com.evil/index"));
        Assert.False(watched.Covers("resource-lists/users/sip:bob@example.com/index"));
        Assert.False(watched.Covers(Rules));
    }

    [Fact]
    public void Documents_and_folders_together_cover_what_either_does()
    {
        var watched = new WatchedDocuments(Root, [Rules, "resource-lists/users/sip:alice@example.com/friends/"], null);

        Assert.True(watched.Covers(Rules));
        Assert.True(watched.Covers("resource-lists/users/sip:alice@example.com/friends/index"));
        Assert.False(watched.Covers(Lists));
    }

    [Theory]
    [InlineData(WatchedDocuments.XcapPatching, true)]
    [InlineData(WatchedDocuments.Aggregate, true)]
    [InlineData(WatchedDocuments.NoPatching, false)]
    [InlineData(null, false)]
    public void Only_xcap_patching_and_aggregate_want_patches(string? diffProcessing, bool wants)
    {
        Assert.Equal(wants, new WatchedDocuments(Root, [Lists], diffProcessing).WantsPatches);
    }

    [Fact]
    public void Two_values_with_the_same_root_selectors_and_processing_are_equal()
    {
        var one = new WatchedDocuments(Root, [Lists, Rules], WatchedDocuments.Aggregate);
        var same = new WatchedDocuments(Root, new List<string> { Lists, Rules }, WatchedDocuments.Aggregate);

        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, same with { Selectors = [Rules, Lists] });
        Assert.NotEqual(one, same with { DiffProcessing = null });
        Assert.NotEqual(one, same with { Root = "https://xcap.example.com/xcap-root" });
    }
}
