$PAIRINFO metformin botox
