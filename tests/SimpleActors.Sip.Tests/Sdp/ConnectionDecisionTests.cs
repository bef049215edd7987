using SimpleActors.Sip.Sdp;

namespace SimpleActors.Sip.Tests.Sdp;

public class ConnectionDecisionTests
{
    public static TheoryData<SetupRole?, SetupRole?, ConnectionOpener?> Table() => new()
    {
        // RFC 4975 section 5.4: no a=setup anywhere, the offerer connects.
        { null, null, ConnectionOpener.Offerer },
        { null, SetupRole.Passive, ConnectionOpener.Offerer },
        { null, SetupRole.Active, null },
        { null, SetupRole.ActPass, null },
        { null, SetupRole.HoldConn, ConnectionOpener.Nobody },

        // RFC 6135: an actpass offer is answered active or passive; an answerer that does not know a=setup is passive.
        { SetupRole.ActPass, SetupRole.Active, ConnectionOpener.Answerer },
        { SetupRole.ActPass, SetupRole.Passive, ConnectionOpener.Offerer },
        { SetupRole.ActPass, null, ConnectionOpener.Offerer },
        { SetupRole.ActPass, SetupRole.ActPass, null },
        { SetupRole.ActPass, SetupRole.HoldConn, ConnectionOpener.Nobody },

        { SetupRole.Active, SetupRole.Passive, ConnectionOpener.Offerer },
        { SetupRole.Active, null, ConnectionOpener.Offerer },
        { SetupRole.Active, SetupRole.Active, null },
        { SetupRole.Active, SetupRole.ActPass, null },
        { SetupRole.Active, SetupRole.HoldConn, ConnectionOpener.Nobody },

        { SetupRole.Passive, SetupRole.Active, ConnectionOpener.Answerer },
        { SetupRole.Passive, SetupRole.Passive, null },
        { SetupRole.Passive, null, null },
        { SetupRole.Passive, SetupRole.ActPass, null },
        { SetupRole.Passive, SetupRole.HoldConn, ConnectionOpener.Nobody },

        { SetupRole.HoldConn, SetupRole.HoldConn, ConnectionOpener.Nobody },
        { SetupRole.HoldConn, SetupRole.Active, null },
        { SetupRole.HoldConn, SetupRole.Passive, null },
        { SetupRole.HoldConn, null, null },
        { SetupRole.HoldConn, SetupRole.ActPass, null },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public void Roles_from_the_setup_pair(SetupRole? offer, SetupRole? answer, ConnectionOpener? opener)
    {
        var decision = ConnectionDecision.For(offer, answer);

        Assert.Equal(opener, decision.Opener);
        Assert.Equal(opener is not null, decision.IsValid);
        if (opener is null)
        {
            Assert.Contains("offer", decision.Problem!, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ConnectionOpener.Offerer, true, true)]
    [InlineData(ConnectionOpener.Offerer, false, false)]
    [InlineData(ConnectionOpener.Answerer, true, false)]
    [InlineData(ConnectionOpener.Answerer, false, true)]
    [InlineData(ConnectionOpener.Nobody, true, false)]
    [InlineData(ConnectionOpener.Nobody, false, false)]
    public void Each_end_knows_whether_it_connects(ConnectionOpener opener, bool localIsOfferer, bool connects)
        => Assert.Equal(connects, new ConnectionDecision(opener, null).LocalConnects(localIsOfferer));

    [Fact]
    public void An_invalid_pair_connects_nobody_and_says_why()
    {
        var decision = ConnectionDecision.For(SetupRole.Active, SetupRole.Active);

        Assert.False(decision.LocalConnects(true));
        Assert.False(decision.LocalConnects(false));
        Assert.Equal("both ends would take the same role: offer a=setup:active, answer a=setup:active", decision.Problem);
    }
}
