/**
 * A fresh in-memory node with a group deployed on it at the default settings: what the
 * tests and the benchmark start from. (Its own module: the members' command line never
 * loads the node.)
 */
import { CompiledContract, DEFAULT_SETTINGS, Group, connect, deployGroup } from './group';
import { RunningNode, startNode } from './node';

export const startGroupNode = async (
  port = 20_000 + Math.floor(Math.random() * 20_000),
  compiled?: CompiledContract[],
): Promise<{ readonly node: RunningNode; readonly group: Group }> => {
  const node = await startNode({ port });
  try {
    const deployer = connect({ rpcURL: node.rpcURL });
    const deployment = await deployGroup(deployer, await deployer.master(), DEFAULT_SETTINGS, compiled);

    return { node, group: connect({ rpcURL: node.rpcURL, contracts: deployment.contracts }) };
  } catch (error) {
    await node.stop().catch(() => undefined);
    throw error;
  }
};
