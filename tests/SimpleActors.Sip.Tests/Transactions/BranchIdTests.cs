using SimpleActors.Sip.Message;
using SimpleActors.Sip.Transactions;

namespace SimpleActors.Sip.Tests.Transactions;

public class BranchIdTests
{
    [Fact]
    public void A_branch_has_the_magic_cookie_and_is_a_valid_Via_parameter()
    {
        var branch = BranchId.New();

        var via = new ViaHeader("UDP", "h.example.com", 5060).WithBranch(branch);

        Assert.True(ViaHeader.Parse(via.ToString()).HasMagicCookieBranch);
        Assert.Equal(branch, ViaHeader.Parse(via.ToString()).Branch);
    }

    [Fact]
    public void Branches_are_unique()
    {
        var branches = Enumerable.Range(0, 100_000).Select(_ => BranchId.New()).ToHashSet();

        Assert.Equal(100_000, branches.Count);
    }
}
