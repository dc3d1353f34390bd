/**
 * A fresh in-memory node with a group deployed on it at the default settings: what the
 * tests and the gas benchmark start from. (Its own module: the members' command line never
 * loads the node.)
 */
import { CompiledContract, Group, deployDefaultGroup } from './group';
import { RunningNode, startNode } from './node';

export const startGroupNode = async (
  port?: number,
  compiled?: CompiledContract[],
): Promise<{ readonly node: RunningNode; readonly group: Group }> => {
  const node = await startNode({ port });
  try {
    const { group } = await deployDefaultGroup(node.rpcURL, compiled);

    return { node, group };
  } catch (error) {
    await node.stop().catch(() => undefined);
    throw error;
  }
};
