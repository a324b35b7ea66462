$PAIRINFO warfarin ginkgo --format markdown | sed -n '1,6p'; $PAIRINFO warfarin ginkgo --format markdown | tail -n 3
