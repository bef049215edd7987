using SimpleActors.Engine.Dialogs;

namespace SimpleActors.Engine.Tests.Dialogs;

public sealed class DialogEdgeTests
{
    private const string A = "akka.tcp://simpleactors@10.0.0.1:4053";
    private const string B = "akka.tcp://simpleactors@10.0.0.2:4053";
    private const string C = "akka.tcp://simpleactors@10.0.0.3:4053";

    [Fact]
    public void The_flow_of_this_edge_node_is_served_here() =>
        Assert.Null(DialogEdge.Choose(A, selfIsEdge: true, A, [(A, true, true), (B, true, true)]));

    [Fact]
    public void The_flow_of_another_edge_node_that_is_up_goes_to_that_node() =>
        Assert.Equal(B, DialogEdge.Choose(A, selfIsEdge: true, B, [(A, true, true), (B, true, true)]));

    [Fact]
    public void When_the_flow_owner_is_gone_an_edge_node_sends_it_itself() =>
        Assert.Null(DialogEdge.Choose(A, selfIsEdge: true, C, [(A, true, true), (B, true, true)]));

    [Fact]
    public void When_the_flow_owner_is_not_up_it_is_not_chosen() =>
        Assert.Null(DialogEdge.Choose(A, selfIsEdge: true, B, [(A, true, true), (B, true, false)]));

    [Fact]
    public void A_core_only_node_sends_to_the_owner_or_else_to_any_edge_that_is_up()
    {
        Assert.Equal(C, DialogEdge.Choose(A, selfIsEdge: false, C, [(A, false, true), (B, true, true), (C, true, true)]));
        Assert.Equal(B, DialogEdge.Choose(A, selfIsEdge: false, "akka.tcp://simpleactors@10.0.0.9:4053", [(A, false, true), (B, true, true), (C, true, true)]));
        Assert.Equal(C, DialogEdge.Choose(A, selfIsEdge: false, B, [(A, false, true), (B, true, false), (C, true, true)]));
    }

    [Fact]
    public void A_core_only_node_with_no_edge_up_has_nowhere_but_itself() =>
        Assert.Null(DialogEdge.Choose(A, selfIsEdge: false, B, [(A, false, true), (B, true, false)]));
}
