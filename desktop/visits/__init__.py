"""Door-to-door visits (入户走访): the survey forms volunteers fill at the door (``forms``);
campaigns, visits and their results come on top of them."""
